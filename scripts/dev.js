// Local development: the bot with embedded storage, and the Microsoft 365 Agents Playground
// (a Teams-like client that runs offline) pointed at it.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const port = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
const children = [];

function run(label, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => (line ? `[${label}] ${line}\n` : '');
  child.stdout.on('data', (d) => process.stdout.write(d.toString().split('\n').map(prefix).join('')));
  child.stderr.on('data', (d) => process.stderr.write(d.toString().split('\n').map(prefix).join('')));
  child.on('exit', (code) => {
    process.stdout.write(`[${label}] exited with code ${code}\n`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitForBot() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the bot did not start within 60 s');
}

(async () => {
  run('bot', ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], { PORT: String(port) });
  await waitForBot();
  run('playground', [
    require.resolve('@microsoft/m365agentsplayground/cli.js'),
    '--app-endpoint', `http://127.0.0.1:${port}/api/messages`,
    '--channel-id', 'msteams',
    '--port', String(playgroundPort),
    '--disable-telemetry',
  ]);
  process.stdout.write(`\nOpen http://localhost:${playgroundPort} to chat with the bot (Ctrl+C stops both).\n\n`);
})().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  shutdown(1);
});

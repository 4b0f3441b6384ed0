import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free loopback port (for programs that cannot be told to pick one themselves). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The Microsoft 365 Agents Playground (a Teams-like web client that runs offline) pointed at a
 * bot, in a scratch folder so its logs stay out of the repository.
 */
export class Playground {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly workDir: string,
  ) {}

  static async start(botMessagesUrl: string): Promise<Playground> {
    const port = await freePort();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));
    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    const child = spawn(process.execPath, [cli, '--app-endpoint', botMessagesUrl, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'], {
      cwd: workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Playground did not start within 30 s:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`Listening on ${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the Playground exited with code ${code}:\n${output}`));
      });
    });
    return new Playground(child, `http://127.0.0.1:${port}`, workDir);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

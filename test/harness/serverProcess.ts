import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Compiles dist/ when it is missing or older than src/ (what `npm start` does first). Test files
 * run in parallel workers: a lock directory keeps two compilers from writing dist/ at once.
 */
export function buildIfNeeded(): void {
  const lock = path.join(ROOT, '.test-data', 'build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a killed run is stale after the longest build.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} is held by another build`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The built server (`node dist/src/index.js`, as App Service runs it) in a child process,
 * with the given environment only, its JSON log lines collected.
 */
export class ServerProcess {
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    /** JSON log lines, parsed; collection goes on for the life of the process. */
    readonly logs: Array<Record<string, unknown>>,
    private readonly output: { stderr: string },
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get stderr(): string {
    return this.output.stderr;
  }

  static async start(env: Record<string, string>, timeoutMs = 20_000): Promise<ServerProcess> {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
      cwd: ROOT,
      // PATH only: the server must not pick up the test runner's environment.
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stderr: '' };
    child.stderr!.on('data', (c: Buffer) => (output.stderr += c.toString('utf8')));
    const logs: Array<Record<string, unknown>> = [];
    let onEntry: (entry: Record<string, unknown>) => void = () => {};
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          entry = { msg: line };
        }
        logs.push(entry);
        onEntry(entry);
      }
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms\n${output.stderr}`)), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening\n${output.stderr}`));
      });
      onEntry = (entry) => {
        if (typeof entry.url === 'string' && /listening/.test(String(entry.msg))) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      };
    });
    onEntry = () => {};
    return new ServerProcess(child, url, logs, output);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the exit code and signal; kills the process if it has not exited in time. */
  async exit(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`server did not exit within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  messages(): string[] {
    return this.logs.map((l) => String(l.msg));
  }
}

/**
 * npm run stage: lays out build/deploy/, the folder zip-deployed to Azure App Service:
 * the compiled app (dist/), package.json, package-lock.json and production dependencies
 * only. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'build', 'deploy');
/** What the running app needs besides node_modules. */
const RUNTIME_PATHS = ['dist', 'package.json', 'package-lock.json'];

function main(): void {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    throw new Error('dist/src/index.js is missing: run `npm run build` first.');
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const entry of RUNTIME_PATHS) {
    const from = path.join(root, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  // Tests compiled by an earlier typecheck have no place in production.
  fs.rmSync(path.join(target, 'dist', 'test'), { recursive: true, force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: target, stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(`Deployment folder ready: ${path.relative(root, target)}`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

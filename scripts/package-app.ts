/**
 * npm run package [-- --env <name>] [-- --out <dir>]
 *
 * Writes build/appPackage.<env>.zip (env defaults to TEAMSFX_ENV, else "dev"), with the
 * placeholders filled from env/.env.<env>, env/.env.<env>.user and the environment.
 */
import path from 'node:path';
import { AppPackageError, buildAppPackage } from './app-package';

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const envName = argument('env') ?? process.env.TEAMSFX_ENV ?? 'dev';
  const outDir = argument('out');
  const result = await buildAppPackage({ envName, outDir: outDir ? path.resolve(outDir) : undefined });
  console.log(`Teams app package for "${envName}": ${path.relative(process.cwd(), result.zipPath) || result.zipPath}`);
  console.log(`  ${result.files.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof AppPackageError ? error.message : error);
  process.exit(1);
});

// Runs jest; when JEST_JSON_OUTPUT names a file, also writes jest's JSON summary there (CI reads it).
const { spawnSync } = require('node:child_process');

const args = [require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
if (process.env.JEST_JSON_OUTPUT) args.push('--json', `--outputFile=${process.env.JEST_JSON_OUTPUT}`);
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);

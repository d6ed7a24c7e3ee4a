// `npm run bench -- <name> [flags]` runs bench/<name>.ts with the flags as its own arguments. Each benchmark
// prints a last line `RESULT <name> key=value …` and appends its table to docs/benchmarks.md.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = new URL('./', import.meta.url);
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.startsWith('_') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const [name, ...flags] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(`usage: npm run bench -- <name> [flags]   (npm run bench -- <name> --help for a benchmark's flags)\n\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 0 : 2);
}
const file = new URL(`./${name}.ts`, here);
if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !available.includes(name) || !existsSync(file)) {
  console.error(`no benchmark "${name}"; there are: ${available.join(', ')}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, fileURLToPath(file), ...flags];
await import(file.href);

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/core/db/database.ts';
import { computePermissions, renderPermissions } from '../src/test/permissions.ts';
import { createTestPlatform } from '../src/test/platform.ts';

/**
 * Writes docs/permissions.md: who may do what, as a throw-away server on an in-memory database answers every route
 * described in its OpenAPI document (src/test/permissions.ts).
 *
 *   npm run permissions                      # writes docs/permissions.md
 *   npm run permissions -- --out FILE        # writes FILE instead
 *   npm run permissions -- --check           # exit 1 when docs/permissions.md is not what the server answers now
 */
const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : fileURLToPath(new URL('../docs/permissions.md', import.meta.url));
const test = await createTestPlatform({}, { database: await openDatabase({ dataDir: 'memory://' }) });
try {
  const text = renderPermissions(await computePermissions(test));
  if (args.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== text) {
      console.error(`${out} is out of date: run npm run permissions`);
      process.exitCode = 1;
    } else console.log(`${out} is current`);
  } else {
    writeFileSync(out, text);
    console.log(`written: ${out}`);
  }
} finally {
  await test.close();
}

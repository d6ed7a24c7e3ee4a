import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A module is its folder plus one registry line, and it reaches another module only through that module's
 * service, contracts or pages' index (the lint rule qiaoliang/module-boundaries guards the imports). These checks
 * guard what lint cannot see: who names a module's folder, and whose tables each module's SQL touches.
 */

const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const moduleNames = readdirSync(join(src, 'modules'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const code = (path: string) => /\.(ts|tsx)$/.test(path);

/** The tables each owner creates, read from its migrations: `core` and every module. */
function tablesOf(migrations: string): string[] {
  return filesUnder(migrations)
    .filter((path) => path.endsWith('.sql'))
    .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/gi)].map((match) => match[1]!));
}
const owners = new Map<string, string>([
  ...tablesOf(join(src, 'core/migrations')).map((table) => [table, 'core'] as const),
  ...moduleNames.flatMap((name) => tablesOf(join(src, 'modules', name, 'migrations')).map((table) => [table, name] as const)),
]);

/** Tables a file's queries name, with whether the query writes them. Kysely calls and SQL text both count. */
function tablesNamed(text: string): { table: string; writes: boolean }[] {
  const found: { table: string; writes: boolean }[] = [];
  for (const [table] of owners) {
    const read = new RegExp(`(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|with)\\(\\s*'${table}(?: as \\w+)?'|\\b(?:FROM|JOIN)\\s+${table}\\b`, 'g');
    const write = new RegExp(`(?:insertInto|updateTable|deleteFrom|mergeInto)\\(\\s*'${table}(?: as \\w+)?'|\\b(?:INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|COPY)\\s+${table}\\b`, 'g');
    if (write.test(text)) found.push({ table, writes: true });
    else if (read.test(text)) found.push({ table, writes: false });
  }
  return found;
}

describe('module boundaries', () => {
  it('no file outside a module folder names one, but the registry (and the org contract, which is the scope of everything)', () => {
    const outside = filesUnder(src).filter((path) => code(path) && !path.startsWith(join(src, 'modules') + '/'));
    const offenders = outside.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return moduleNames
        .filter((name) => new RegExp(`modules/${name}/(?!schema\\.ts)`).test(text) || (name !== 'org' && text.includes(`modules/${name}/`)))
        .map((name) => `${relative(root, path)} names modules/${name}`);
    });
    const registry = readFileSync(join(src, 'modules/index.ts'), 'utf8');
    expect(offenders).toEqual([]);
    for (const name of moduleNames) expect(registry, `the registry lists ${name}`).toContain(`./${name}/index.ts`);
  });

  it("a module's SQL names only its own tables, and reads the org tree (which only the org module writes)", () => {
    const offenders: string[] = [];
    for (const name of moduleNames) {
      const files = filesUnder(join(src, 'modules', name)).filter((path) => code(path) && !path.endsWith('.test.ts') && !path.includes('/ui/'));
      for (const path of files) {
        for (const { table, writes } of tablesNamed(readFileSync(path, 'utf8'))) {
          const owner = owners.get(table)!;
          const treeRead = table === 'orgs' && !writes;
          if (owner !== name && !treeRead) offenders.push(`${relative(root, path)} ${writes ? 'writes' : 'reads'} ${table} (${owner}'s)`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("core's SQL names only core's tables and reads the org tree", () => {
    const files = filesUnder(join(src, 'core')).filter((path) => code(path) && !path.endsWith('.test.ts'));
    const offenders = files.flatMap((path) =>
      tablesNamed(readFileSync(path, 'utf8'))
        .filter(({ table, writes }) => owners.get(table) !== 'core' && !(table === 'orgs' && !writes))
        .map(({ table }) => `${relative(root, path)} names ${table}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the check sees a write to another module’s table', () => {
    expect(tablesNamed("db.insertInto('memberships').values(x)")).toEqual([{ table: 'memberships', writes: true }]);
    expect(tablesNamed('SELECT 1 FROM orgs o JOIN employers e ON e.id = o.employer_id')).toEqual(
      expect.arrayContaining([{ table: 'orgs', writes: false }, { table: 'employers', writes: false }]),
    );
  });
});

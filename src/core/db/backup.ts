import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openAsBlob, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { createCipher } from '../personal-data.ts';
import { appliedMigrations, cipherSamples, currentSchema, hasTables } from './backup-store.ts';
import { openDatabase, openPGliteAt, type Engine } from './database.ts';
import { lockDataDir } from './lock.ts';
import { currentRole, grantServing } from './roles.ts';
import type { Db } from './tables.ts';

/**
 * `qiaoliang backup FILE` and `restore FILE` (README, "Backup and restore"). A backup file is one line of magic, one
 * line of JSON (the manifest) and then the engine's own dump: PGlite's data directory as a gzipped tar
 * (dumpDataDir), or a PostgreSQL server's database as pg_dump's custom format. The data key stays out of it unless
 * asked for: a file with ciphertext and its key beside it reads like clear text to whoever holds it. The manifest
 * carries a check of the key instead (a SHA-256 of it, which tells nothing of the key), so a restore knows before
 * it touches anything whether the key it has is the one the data was written with, and proves it afterwards by
 * decrypting stored values.
 */

const magic = 'QIAOLIANG-BACKUP 1\n';

export interface Manifest {
  format: 1;
  engine: Engine;
  createdAt: string;
  /** `module/version` of every migration the database had. */
  migrations: string[];
  /** The dump after the manifest's line: its length and SHA-256. */
  bytes: number;
  sha256: string;
  /** SHA-256 of 'qiaoliang/key-check', NUL and the key; null when no key was found. */
  keyCheck: string | null;
  /** The data key itself (base64), only with --with-key. */
  key: string | null;
}

export interface BackupResult {
  file: string;
  manifest: Omit<Manifest, 'key'> & { withKey: boolean };
  /** Where the key is kept (QIAOLIANG_KEY or DATA_DIR/key), or undefined when none was found. */
  keySource: string | undefined;
}

export interface RestoreResult {
  engine: Engine;
  createdAt: string;
  migrations: number;
  /** Stored ciphertext values the key decrypted after the restore, by column. */
  probed: { column: string; values: number }[];
  /** Where the backup's key was written, when it carried one and none was here. */
  keyWritten: string | undefined;
  /** The database had data and --force replaced it. */
  replaced: boolean;
}

/** The key in use, without creating one (a restore must not invent a key the data was never written with). */
function currentKey(config: Config): { key: Buffer; source: string } | undefined {
  const text = config.dataKey ?? (existsSync(join(config.dataDir, 'key')) ? readFileSync(join(config.dataDir, 'key'), 'utf8').trim() : undefined);
  if (text === undefined) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new AppError('validation_failed', 'backup.key_unreadable', { source: config.dataKey ? 'QIAOLIANG_KEY' : join(config.dataDir, 'key') });
  return { key, source: config.dataKey ? 'QIAOLIANG_KEY' : join(config.dataDir, 'key') };
}

const keyCheckOf = (key: Buffer) => createHash('sha256').update('qiaoliang/key-check\0').update(key).digest('hex');

const engineOf = (config: Config): Engine => (config.databaseUrl ? 'postgres' : 'pglite');

// ---------------------------------------------------------------------------------------------------------------
// Backup

export async function backup(config: Config, file: string, options: { withKey: boolean }): Promise<BackupResult> {
  if (existsSync(file)) throw new AppError('conflict', 'backup.file_exists', { file });
  const key = currentKey(config);
  if (options.withKey && !key) throw new AppError('not_found', 'backup.no_key_to_include', { dir: config.dataDir });
  const work = mkdtempSync(join(dirname(file), '.qiaoliang-backup-'));
  try {
    const payload = join(work, 'dump');
    const engine = engineOf(config);
    const migrations = engine === 'pglite' ? await dumpPGlite(config, payload) : await dumpServer(config, payload);
    const manifest: Manifest = {
      format: 1,
      engine,
      createdAt: new Date().toISOString(),
      migrations,
      bytes: statSync(payload).size,
      sha256: await sha256Of(payload),
      keyCheck: key ? keyCheckOf(key.key) : null,
      key: options.withKey && key ? key.key.toString('base64') : null,
    };
    // Written whole beside the target, readable by its owner alone, then renamed: never half a backup under its name.
    const partial = join(work, 'backup');
    writeFileSync(partial, magic + JSON.stringify(manifest) + '\n', { mode: 0o600 });
    await pipeline(createReadStream(payload), createWriteStream(partial, { flags: 'a' }));
    renameSync(partial, file);
    const { key: _key, ...described } = manifest;
    return { file, manifest: { ...described, withKey: manifest.key !== null }, keySource: key?.source };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function dumpPGlite(config: Config, payload: string): Promise<string[]> {
  if (!existsSync(join(config.dataDir, 'pg', 'PG_VERSION'))) throw new AppError('not_found', 'backup.no_database', { where: join(config.dataDir, 'pg') });
  // Holds DATA_DIR's lock while it reads: a running server has it, and says so (PGlite is one process's database).
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    const migrations = await appliedMigrations(database.db);
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(payload, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    return migrations;
  } finally {
    await database.close();
  }
}

async function dumpServer(config: Config, payload: string): Promise<string[]> {
  const url = ownerUrl(config);
  const database = await openDatabase({ databaseUrl: url });
  let migrations: string[];
  try {
    if (!(await hasTables(database.db))) throw new AppError('not_found', 'backup.no_database', { where: redact(url) });
    migrations = await appliedMigrations(database.db);
  } finally {
    await database.close();
  }
  // Without owners and grants: a restore makes its own role the owner and grants the serving role again.
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${payload}`], url);
  return migrations;
}

// ---------------------------------------------------------------------------------------------------------------
// Restore

export async function restore(config: Config, file: string, options: { force: boolean }): Promise<RestoreResult> {
  const { manifest, offset } = readManifest(file);
  const engine = engineOf(config);
  if (manifest.engine !== engine) throw new AppError('validation_failed', 'backup.engine_differs', { backup: manifest.engine, here: engine });
  if (statSync(file).size - offset !== manifest.bytes || (await sha256Of(file, offset)) !== manifest.sha256) {
    throw new AppError('validation_failed', 'backup.damaged', { file });
  }
  const key = restoreKey(config, manifest);
  const result = engine === 'pglite' ? await loadPGlite(config, file, offset, key.key, options) : await loadServer(config, file, offset, key.key, options);
  let keyWritten: string | undefined;
  if (key.write) {
    keyWritten = join(config.dataDir, 'key');
    writeFileSync(keyWritten, key.key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(keyWritten, 0o600);
  }
  return { engine, createdAt: manifest.createdAt, migrations: manifest.migrations.length, ...result, keyWritten };
}

/**
 * The key a restore reads the data with: the one in use here, if it is the backup's; else the backup's own, written to
 * DATA_DIR/key afterwards. Refused before anything is touched: a key that is not the backup's, or none at all.
 */
function restoreKey(config: Config, manifest: Manifest): { key: Buffer; write: boolean } {
  const here = currentKey(config);
  const carried = manifest.key ? Buffer.from(manifest.key, 'base64') : undefined;
  if (here) {
    if (manifest.keyCheck && keyCheckOf(here.key) !== manifest.keyCheck) throw new AppError('conflict', 'backup.key_differs', { source: here.source });
    return { key: here.key, write: false };
  }
  if (carried) return { key: carried, write: true };
  throw new AppError('not_found', 'backup.key_missing', { file: join(config.dataDir, 'key') });
}

function readManifest(file: string): { manifest: Manifest; offset: number } {
  if (!existsSync(file)) throw new AppError('not_found', 'backup.file_missing', { file });
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, read).toString('latin1');
    const end = text.indexOf('\n', magic.length);
    if (!text.startsWith(magic) || end < 0) throw new AppError('validation_failed', 'backup.not_a_backup', { file });
    const manifest = JSON.parse(head.subarray(magic.length, end).toString('utf8')) as Manifest;
    if (manifest.format !== 1) throw new AppError('validation_failed', 'backup.not_a_backup', { file });
    return { manifest, offset: end + 1 };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation_failed', 'backup.not_a_backup', { file });
  } finally {
    closeSync(fd);
  }
}

/**
 * PGlite: the dump is loaded into a directory beside DATA_DIR/pg and proved readable with the key there; only then
 * does it take pg's place (the old one removed), so a refused or failed restore leaves the database as it was.
 */
async function loadPGlite(config: Config, file: string, offset: number, key: Buffer, options: { force: boolean }) {
  const release = lockDataDir(config.dataDir);
  const target = join(config.dataDir, 'pg');
  const loading = join(config.dataDir, `pg.restoring-${process.pid}`);
  const replaced = existsSync(target) && readdirSync(target).length > 0;
  try {
    if (replaced && !options.force) throw new AppError('conflict', 'backup.database_has_data', { where: target });
    rmSync(loading, { recursive: true, force: true });
    const tarball = await openAsBlob(file);
    const database = await openPGliteAt(loading, tarball.slice(offset));
    let probed;
    try {
      probed = await probe(database.db, key);
    } finally {
      await database.close();
    }
    chmodSync(loading, 0o700);
    const old = join(config.dataDir, `pg.replaced-${process.pid}`);
    if (existsSync(target)) renameSync(target, old);
    renameSync(loading, target);
    rmSync(old, { recursive: true, force: true });
    return { probed, replaced };
  } finally {
    rmSync(loading, { recursive: true, force: true });
    release();
  }
}

/**
 * A server: pg_restore writes the dump as SQL that psql runs in one transaction, after dropping the schema when
 * --force replaces a database that has data — all of it or nothing. The owner role restores (MIGRATION_DATABASE_URL,
 * else DATABASE_URL); a serving role of its own is granted its privileges again.
 */
async function loadServer(config: Config, file: string, offset: number, key: Buffer, options: { force: boolean }) {
  const url = ownerUrl(config);
  const owner = await openDatabase({ databaseUrl: url });
  try {
    const replaced = await hasTables(owner.db);
    if (replaced && !options.force) throw new AppError('conflict', 'backup.database_has_data', { where: redact(url) });
    const work = mkdtempSync(join(dirname(file), '.qiaoliang-restore-'));
    try {
      const dump = join(work, 'dump');
      await pipeline(createReadStream(file, { start: offset }), createWriteStream(dump, { mode: 0o600 }));
      // The one entry a role that is not a superuser cannot restore: the comment on an extension it did not create.
      const list = (await run('pg_restore', ['--list', dump], undefined)).split('\n').filter((line) => !/ COMMENT - EXTENSION /.test(line));
      writeFileSync(join(work, 'list'), list.join('\n'));
      const schema = await currentSchema(owner.db);
      const prelude = replaced ? ['-c', `DROP SCHEMA "${schema}" CASCADE`, '-c', `CREATE SCHEMA "${schema}"`] : [];
      await runPiped(['pg_restore', ['--no-owner', '--no-privileges', `--use-list=${join(work, 'list')}`, '--file=-', dump]], ['psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', ...prelude, '-f', '-']], url);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    if (config.migrationDatabaseUrl && config.databaseUrl) {
      const serving = await openDatabase({ databaseUrl: config.databaseUrl });
      try {
        await grantServing(owner.db, await currentRole(serving.db));
      } finally {
        await serving.close();
      }
    }
    return { probed: await probe(owner.db, key), replaced };
  } finally {
    await owner.close();
  }
}

/** Decrypts stored values of every ciphertext column with the key: the restored data is readable, or the restore says so. */
async function probe(db: Db, key: Buffer): Promise<{ column: string; values: number }[]> {
  const cipher = createCipher(key);
  const samples = await cipherSamples(db, 20);
  for (const sample of samples) {
    for (const value of sample.values) {
      try {
        cipher.decrypt(value);
      } catch {
        throw new AppError('conflict', 'backup.key_cannot_read', { column: sample.column });
      }
    }
  }
  return samples.map((sample) => ({ column: sample.column, values: sample.values.length }));
}

// ---------------------------------------------------------------------------------------------------------------
// The server's tools

const ownerUrl = (config: Config) => config.migrationDatabaseUrl ?? config.databaseUrl!;

/** postgres://user:***@host:port/db: a URL to name in a message. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * pg_dump, pg_restore and psql of the newest PostgreSQL under /usr/lib/postgresql (Debian's layout, as .ci/run finds
 * them), else from PATH; a dump needs a pg_dump at least as new as the server.
 */
export function findTool(name: string): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((version) => /^\d+$/.test(version)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(root, version, 'bin', name))) return join(root, version, 'bin', name);
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** The URL as libpq takes it, with the password in the environment rather than on a command line others can list. */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { args: ['--dbname', parsed.toString()], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function toolPath(name: string): string {
  const path = findTool(name);
  if (!path) throw new AppError('not_found', 'backup.tool_missing', { tool: name });
  return path;
}

/** Runs a tool to its end; its stdout, or its stderr in the error. */
function run(name: string, args: string[], url: string | undefined): Promise<string> {
  const { args: connect, env } = url ? connection(url) : { args: [], env: process.env };
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath(name), [...args, ...connect], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new AppError('internal', 'backup.tool_failed', { tool: name, message: err.trim().slice(0, 2000) }))));
  });
}

/** The first tool's stdout into the second's stdin (pg_restore into psql); fails if either does, the consumer named first. */
async function runPiped(first: [string, string[]], second: [string, string[]], url: string): Promise<void> {
  const { args: connect, env } = connection(url);
  const producer = spawn(toolPath(first[0]), first[1], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const consumer = spawn(toolPath(second[0]), [...second[1], ...connect], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  producer.stdout.pipe(consumer.stdin);
  // psql stopping early (ON_ERROR_STOP) closes the pipe under pg_restore: that EPIPE is not the error to report.
  consumer.stdin.on('error', () => {});
  const ended = (child: ReturnType<typeof spawn>) =>
    new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, err }));
    });
  const [produced, consumed] = await Promise.all([ended(producer), ended(consumer)]);
  for (const [name, outcome] of [[second[0], consumed], [first[0], produced]] as const) {
    if (outcome.code !== 0) throw new AppError('internal', 'backup.tool_failed', { tool: name, message: outcome.err.trim().slice(0, 2000) });
  }
}

async function sha256Of(file: string, start = 0): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { start }), hash);
  return hash.digest('hex');
}

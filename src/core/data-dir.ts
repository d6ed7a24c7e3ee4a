import { accessSync, chmodSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from './errors.ts';

/**
 * DATA_DIR holds the embedded database (pg), the data key and imported files with ID numbers in clear: it is made
 * readable by the server's user alone (0700), and so is its database directory, whatever PGlite's files' own modes.
 * A directory the server cannot write — a read-only mount, another user's, a file in the way — stops the start with
 * one clear message in both languages (a stack trace told an operator nothing).
 */

const reasons: Record<string, string> = {
  EROFS: 'data_dir.reason.read_only',
  EACCES: 'data_dir.reason.denied',
  EPERM: 'data_dir.reason.denied',
  ENOTDIR: 'data_dir.reason.not_directory',
  EEXIST: 'data_dir.reason.not_directory',
};

/** An error of the file system that means the directory is unusable, as the platform's own error; else undefined. */
export function dataDirProblem(error: unknown, dir: string): AppError | undefined {
  let code = (error as NodeJS.ErrnoException)?.code;
  // A recursive mkdir under a read-only mount says ENOENT: the nearest directory that exists tells why.
  if (code === 'ENOENT') code = whyNotWritable(dir);
  const reason = code ? reasons[code] : undefined;
  return reason ? new AppError('data_dir_unusable', 'error.data_dir_not_writable', { dir, reason }) : undefined;
}

function whyNotWritable(dir: string): string | undefined {
  let at = dirname(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    accessSync(at, constants.W_OK);
    return statSync(at).isDirectory() ? undefined : 'ENOTDIR';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

/**
 * Makes DATA_DIR (0700 when it is created here) and, for PGlite, DATA_DIR/pg (0700, tightened if it is looser), then
 * proves DATA_DIR writable by writing and removing a file in it.
 */
export function prepareDataDir(dir: string, options: { pglite: boolean }): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (options.pglite) {
      const pg = join(dir, 'pg');
      mkdirSync(pg, { recursive: true, mode: 0o700 });
      if ((statSync(pg).mode & 0o077) !== 0) chmodSync(pg, 0o700);
    }
    const probe = join(dir, `.writable-${process.pid}`);
    writeFileSync(probe, '', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (error) {
    throw dataDirProblem(error, dir) ?? error;
  }
}

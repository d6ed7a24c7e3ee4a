import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useOutput, type Output } from '../core/cli/output.ts';
import { runCommand } from '../cli/program.ts';
import { createServerDatabase, type ServerDatabase } from './server-database.ts';

/**
 * The command line for tests, on a data directory of its own (or a fresh database on the server when DATABASE_URL
 * is set). `run` runs a command in this process, as the `qiaoliang` binary would (same parsing, same exit codes,
 * stdout and stderr captured); `spawn` runs it as a real process, for the few things only a process shows.
 */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandLine {
  dataDir: string;
  env: Record<string, string>;
  run(...args: string[]): Promise<CommandResult>;
  spawn(...args: string[]): Promise<CommandResult>;
  close(): Promise<void>;
}

const bin = fileURLToPath(new URL('../../bin/qiaoliang.js', import.meta.url));
export const cliAdminPassword = 'Cli-test-password-2024';

export async function createCommandLine(): Promise<CommandLine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-cli-'));
  const server: ServerDatabase | undefined = await createServerDatabase();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    QIAOLIANG_KEY: randomBytes(32).toString('base64'),
    QIAOLIANG_ADMIN_PASSWORD: cliAdminPassword,
    ...(server ? { DATABASE_URL: server.url } : {}),
  };
  return {
    dataDir,
    env,
    run: (...args) => runHere(env, args),
    spawn: (...args) => runProcess(env, args),
    async close() {
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** In this process: the environment the command reads is set for its run and put back after. */
async function runHere(env: Record<string, string>, args: string[]): Promise<CommandResult> {
  const saved = Object.fromEntries(['DATA_DIR', 'QIAOLIANG_KEY', 'QIAOLIANG_ADMIN_PASSWORD', 'DATABASE_URL'].map((name) => [name, process.env[name]]));
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  const result = { stdout: '', stderr: '' };
  const output: Output = { out: (text) => void (result.stdout += text), err: (text) => void (result.stderr += text), exitCode: 0 };
  const restore = useOutput(output);
  try {
    const code = await runCommand(args);
    return { code, ...result };
  } finally {
    restore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function runProcess(env: Record<string, string>, args: string[]): Promise<CommandResult> {
  const processEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...env };
  return new Promise((resolve) => {
    // The timeout turns a command that never exits into a failure instead of a stalled run.
    execFile(process.execPath, [bin, ...args], { env: processEnv, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** stdout must be exactly one JSON document: JSON.parse rejects anything printed before or after it. */
export function jsonOf<T>(result: CommandResult): T {
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

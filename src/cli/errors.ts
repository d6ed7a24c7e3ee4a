import { CommanderError } from 'commander';
import { AppError } from '../core/errors.ts';
import { describeError, note } from '../core/cli/output.ts';

/**
 * The exit code of a failed command, after saying why on stderr. 2: the input or the situation is wrong and the
 * message says what to do (an AppError, or a usage error commander has already printed); 1: a bug, with its stack.
 */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof AppError) {
    note(describeError(error));
    return 2;
  }
  note(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}

import { Command } from 'commander';
import { currentOutput, helpText } from '../core/cli/output.ts';
import { loadConfig } from '../core/config.ts';
import { addMessages } from '../core/i18n/catalogue.ts';
import { registerMessages } from '../core/platform.ts';
import { modules } from '../modules/index.ts';
import { start } from '../start.ts';
import { registerAggregateCommands } from './aggregates.ts';
import { registerAuditCommands } from './audit.ts';
import { registerBackupCommands } from './backup.ts';
import { reportError } from './errors.ts';
import { registerGenerateCommand } from './generate.ts';
import { cliMessages } from './messages.ts';
import { registerMigrateCommand } from './migrate.ts';
import { withPlatform } from './platform.ts';
import { registerUserCommands } from './users.ts';

/** The `qiaoliang` command: the platform's commands, then each module's under its name. A new one for every run. */
export function buildProgram(): Command {
  // Before anything is described: help texts come from the catalogue, and a refinement's message key counts only
  // once its bundle is known.
  registerMessages(modules);
  addMessages(cliMessages);
  const output = currentOutput();
  const program = new Command('qiaoliang')
    .description(helpText('cli.help.program'))
    .helpOption('-h, --help', helpText('cli.help.help'))
    .helpCommand('help [command]', helpText('cli.help.help'))
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .showHelpAfterError()
    // Usage errors come back to runCommand instead of exiting, so they get the exit code of bad input.
    .exitOverride();

  program.commandsGroup(`${helpText('cli.group.platform')}:`);
  program
    .command('start')
    .description(helpText('cli.help.start'))
    .action(async () => {
      const running = await start(loadConfig());
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void running.stop().then(() => process.exit(0));
        });
      }
    });
  registerMigrateCommand(program);
  registerUserCommands(program);
  registerAuditCommands(program);
  registerAggregateCommands(program);
  registerGenerateCommand(program);
  registerBackupCommands(program);
  // Each module's commands, under its name: the command line names no module.
  for (const module of modules) {
    if (!module.commands) continue;
    program.commandsGroup(`${helpText(`module.${module.id}`)}:`);
    module.commands(program, { withPlatform });
  }
  return program;
}

/**
 * Runs one command line (without `node` and the script) and gives its exit code: 0, 1 when the command's verdict
 * is negative (aggregates differ, a baseline figure is out of tolerance) or a bug, 2 for bad input.
 */
export async function runCommand(args: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...args], { from: 'user' });
    return currentOutput().exitCode;
  } catch (error) {
    // Every command has closed its database by now.
    return reportError(error);
  }
}

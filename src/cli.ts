import { Command } from 'commander';
import { loadConfig } from './core/config.ts';
import { addMessages } from './core/i18n/catalogue.ts';
import { registerMessages } from './core/platform.ts';
import { modules } from './modules/index.ts';
import { start } from './start.ts';
import { registerAuditCommands } from './cli/audit.ts';
import { reportError } from './cli/errors.ts';
import { registerGenerateCommand } from './cli/generate.ts';
import { cliMessages } from './cli/messages.ts';
import { registerMigrateCommand } from './cli/migrate.ts';
import { helpText } from './core/cli/output.ts';
import { registerUserCommands } from './cli/users.ts';
import { registerAggregateCommands } from './cli/aggregates.ts';
import { withPlatform } from './cli/platform.ts';

// Before anything is parsed: help texts come from the catalogue, and a refinement's message key counts only
// once its bundle is known.
registerMessages(modules);
addMessages(cliMessages);

const program = new Command('qiaoliang')
  .description(helpText('cli.help.program'))
  .helpOption('-h, --help', helpText('cli.help.help'))
  .helpCommand('help [command]', helpText('cli.help.help'))
  .showHelpAfterError()
  // Usage errors come back to the handler below instead of exiting, so they get the exit code of bad input.
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
// Each module's commands, under its name: the command line names no module.
for (const module of modules) {
  if (!module.commands) continue;
  program.commandsGroup(`${helpText(`module.${module.id}`)}:`);
  module.commands(program, { withPlatform });
}

export { program };

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Every command has closed its database by now: setting the code lets the process end on its own.
  process.exitCode = reportError(error);
}

import { Command } from 'commander';
import { AppError } from './core/errors.ts';
import { translate } from './core/i18n/catalogue.ts';
import { loadConfig } from './core/config.ts';
import { start } from './start.ts';

const program = new Command('qiaoliang')
  .description('Qiaoliang 桥梁 — the work platform of a trade-union federation')
  .showHelpAfterError();

program
  .command('start')
  .description('run the server (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL)')
  .action(async () => {
    const running = await start(loadConfig());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void running.stop().then(() => process.exit(0));
      });
    }
  });

export { program };

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`${translate('zh-CN', error.messageKey, error.params)}\n${translate('en', error.messageKey, error.params)}`);
    process.exit(2);
  }
  throw error;
}

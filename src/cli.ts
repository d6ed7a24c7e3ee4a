import { runCommand } from './cli/program.ts';

// Setting the code (not exiting) lets the process end on its own once every command has closed its database; a
// started server keeps it alive.
process.exitCode = await runCommand(process.argv.slice(2));

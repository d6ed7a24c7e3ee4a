import type { Command } from 'commander';
import { systemActor } from '../core/actor.ts';
import { generatePassword } from '../core/auth/passwords.ts';
import { createUserRequest, resetPasswordRequest } from '../core/auth/schema.ts';
import { createUser, resetPassword } from '../core/auth/service.ts';
import { findUserByUsername } from '../core/auth/store.ts';
import { notFound } from '../core/errors.ts';
import { wholeTree } from '../core/scope.ts';
import { parseInput } from '../core/validation.ts';
import { bilingual, helpText, printJson, say, term } from '../core/cli/output.ts';
import { withPlatform } from './platform.ts';

interface AddUserOptions {
  username: string;
  org: string;
  role: string;
  displayName?: string;
  password?: string;
  json?: boolean;
}

interface ResetPasswordOptions {
  password?: string;
  json?: boolean;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description(helpText('cli.help.user'));
  user
    .command('add')
    .description(helpText('cli.help.user.add'))
    .requiredOption('--username <username>', helpText('cli.option.username'))
    .requiredOption('--org <code>', helpText('cli.option.org'))
    .requiredOption('--role <role>', helpText('cli.option.role'))
    .option('--display-name <name>', helpText('cli.option.display_name'))
    .option('--password <password>', helpText('cli.option.password'))
    .option('--json', helpText('cli.option.json'))
    .action(addUser);
  user
    .command('reset-password')
    .description(helpText('cli.help.user.reset_password'))
    .argument('<username>', helpText('cli.option.username'))
    .option('--password <password>', helpText('cli.option.password'))
    .option('--json', helpText('cli.option.json'))
    .action(resetUserPassword);
}

async function addUser(options: AddUserOptions): Promise<void> {
  const generated = options.password === undefined ? generatePassword() : undefined;
  // The API's contract, so a bad username or role reads exactly as it does on the users page.
  const input = parseInput(createUserRequest, {
    username: options.username,
    displayName: options.displayName ?? options.username,
    orgCode: options.org,
    role: options.role,
    password: options.password ?? generated,
  });
  const user = await withPlatform(options.json, (platform) => createUser(systemActor('cli'), platform.db, input));
  // A password the operator typed is not echoed back; a generated one is shown this once and never again.
  if (options.json) return printJson({ user, password: generated ?? null });
  say(bilingual('cli.user.created', { username: user.username, role: term(`role.${user.role}`), org: `${user.orgCode} ${user.orgName}` }));
  if (generated) say(bilingual('cli.user.password_generated', { password: generated }));
}

async function resetUserPassword(username: string, options: ResetPasswordOptions): Promise<void> {
  const generated = options.password === undefined ? generatePassword() : undefined;
  const { password } = parseInput(resetPasswordRequest, { password: options.password ?? generated });
  const found = await withPlatform(options.json, async (platform) => {
    const user = await findUserByUsername(platform.db, wholeTree, username);
    if (!user) throw notFound('cli.user.unknown', { username });
    await resetPassword(systemActor('cli'), platform.db, user.id, password);
    return user;
  });
  if (options.json) return printJson({ username: found.username, password: generated ?? null });
  say(bilingual('cli.user.password_reset', { username: found.username }));
  if (generated) say(bilingual('cli.user.new_password', { password: generated }));
}

import { readFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldIssue } from '../errors.ts';
import { foldPassword, minPasswordLength, passwordRuleBroken } from './password-rules.ts';

/**
 * The server's half of the password policy (password-rules.ts has the half the forms share): a password must not
 * be a common one. The list is the 49,000 most common passwords of @zxcvbn-ts/language-common (maintained, MIT),
 * with the Chinese users' common ones shipped in data/common-passwords-cn.txt; both are in the package, nothing is
 * fetched. A password is common when it is on the list, or is a listed one with only digits and punctuation around
 * it (`password12345678`, `!!woaini1314!!`), or contains the account's username.
 */

const chineseList = new URL('../../../data/common-passwords-cn.txt', import.meta.url);

let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!list) {
    const chinese = readFileSync(chineseList, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    list = new Set([...dictionary['passwords-common'], ...chinese].map(foldPassword));
  }
  return list;
}

/** The listed password a padded one stands on: what is left without digits, punctuation and spaces at either end. */
const core = (folded: string) => folded.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');

export function isCommonPassword(password: string): boolean {
  const folded = foldPassword(password);
  const stripped = core(folded);
  const set = commonPasswords();
  return set.has(folded) || (stripped.length > 0 && set.has(stripped)) || set.has(folded.replace(/\s+/g, ''));
}

/**
 * Every rule of the policy, for a new password of the account named `username` (when known): the field's issue, or
 * undefined when the password may be used. `path` is the field's name in the request.
 */
export function passwordIssue(password: string, path: string, username?: string): FieldIssue | undefined {
  const broken = passwordRuleBroken(password);
  if (broken) return { path, code: broken.slice('auth.'.length), messageKey: broken, params: { min: minPasswordLength } };
  if (isCommonPassword(password)) return { path, code: 'common_password', messageKey: 'auth.common_password' };
  if (username && username.length >= 3 && foldPassword(password).includes(foldPassword(username))) {
    return { path, code: 'password_has_username', messageKey: 'auth.password_has_username' };
  }
  return undefined;
}

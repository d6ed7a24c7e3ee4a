/**
 * The password policy's rules that need no list, shared by the server's contract and the pages' forms (so this file
 * stays free of Node and of the common-password list, which only the server loads: common-passwords.ts).
 *
 * Length first, as NIST SP 800-63B asks of a password that is the only factor: at least 15 characters, counted as
 * the person sees them (a Chinese character or a space is one), up to 128; any character may be used and nothing
 * is demanded of its composition (no "a digit and a capital letter"). What is refused is what a guesser tries
 * first: a run of one character or one short piece repeated, a keyboard or alphabet sequence, a common password
 * (on the server), and the account's own username.
 */

export const minPasswordLength = 15;
export const maxPasswordLength = 128;

/** The case- and width-folded form the checks compare (full-width letters and digits count as their ASCII selves). */
export function foldPassword(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

export const passwordLength = (password: string) => [...password].length;

const sequences = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'qazwsxedcrfvtgbyhnujmikolp'];

/** True when the password is one short piece said again and again, or walks along a sequence of the keyboard or alphabet. */
export function isRepetitive(password: string): boolean {
  const folded = foldPassword(password);
  const chars = [...folded];
  if (new Set(chars).size < 5) return true;
  // A piece of up to half the length, repeated (abcabcabc…, passwordpassword).
  for (let unit = 1; unit <= Math.floor(chars.length / 2); unit++) {
    if (chars.length % unit === 0 && folded === chars.slice(0, unit).join('').repeat(chars.length / unit)) return true;
  }
  // Along a sequence, forwards or backwards, wrapping round (1234567890123…, zyxwvu…).
  return sequences.some((sequence) => {
    const round = sequence.repeat(Math.ceil((chars.length * 2) / sequence.length) + 1);
    const back = [...round].reverse().join('');
    return round.includes(folded) || back.includes(folded);
  });
}

/** The message key of the first rule the password breaks, without the list; undefined when none is. */
export function passwordRuleBroken(password: string): 'auth.password_too_short' | 'auth.password_repetitive' | undefined {
  if (passwordLength(password) < minPasswordLength) return 'auth.password_too_short';
  if (isRepetitive(password)) return 'auth.password_repetitive';
  return undefined;
}

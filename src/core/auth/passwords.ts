import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { passwordRuleBroken } from './password-rules.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, slow for a guesser, fine for a login.
// algorithm 2 is Argon2id (the package's enum is a const enum, which isolated modules cannot import).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username does not exist, so the answer takes as long either way. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), always with letters and digits. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const alphabet = letters + digits;
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]!);
  chars[0] = letters[bytes[0]! % letters.length]!;
  chars[15] = digits[bytes[15]! % digits.length]!;
  const password = chars.join('');
  // 16 random characters break a rule of the policy about never; never is not quite never.
  return passwordRuleBroken(password) ? generatePassword() : password;
}

import { createHmac, createSecretKey, hkdfSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { PersonalDataCipher } from '../personal-data.ts';

/**
 * Known browsers: after a successful login the browser keeps a signed note "user 12 has logged in here" (a cookie
 * read only by POST /session). An account locked by failed logins stays open to a browser holding such a note for it,
 * and a login from there clears the lock: the lock slows a guesser elsewhere, never the user at their own desk.
 * A note is signed with a key derived from the data key, so the server stores nothing, and it opens nothing by
 * itself — the password is still checked.
 */

export const deviceCookie = 'qiaoliang_device';
/** Notes kept per browser (an office computer shared by a few people), newest first. */
const notesKept = 5;
export const deviceCookieDays = 180;

const keys = new WeakMap<KeyObject, KeyObject>();

function keyOf(cipher: PersonalDataCipher): KeyObject {
  let key = keys.get(cipher.masterKey);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync('sha256', cipher.masterKey.export(), Buffer.alloc(0), 'qiaoliang/known-device', 32)));
    keys.set(cipher.masterKey, key);
  }
  return key;
}

const mac = (key: KeyObject, userId: number, nonce: string) => createHmac('sha256', key).update(`${userId}.${nonce}`).digest().subarray(0, 18);

interface Note {
  userId: number;
  text: string;
}

function notesIn(cookie: string | undefined, key: KeyObject): Note[] {
  if (!cookie) return [];
  return cookie
    .split('~')
    .slice(0, notesKept)
    .flatMap((text) => {
      const [id, nonce, signature] = text.split('.');
      const userId = Number(id);
      if (!Number.isSafeInteger(userId) || !nonce || !signature) return [];
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(key, userId, nonce);
      return given.length === expected.length && timingSafeEqual(given, expected) ? [{ userId, text }] : [];
    });
}

/** Whether the browser's cookie holds a valid note for this user. */
export function isKnownDevice(cipher: PersonalDataCipher, cookie: string | undefined, userId: number): boolean {
  return notesIn(cookie, keyOf(cipher)).some((note) => note.userId === userId);
}

/** The cookie after a successful login of `userId`: a fresh note for them first, the other users' valid notes after. */
export function withDeviceNote(cipher: PersonalDataCipher, cookie: string | undefined, userId: number): string {
  const key = keyOf(cipher);
  const nonce = randomBytes(12).toString('base64url');
  const note = `${userId}.${nonce}.${mac(key, userId, nonce).toString('base64url')}`;
  const others = notesIn(cookie, key).filter((existing) => existing.userId !== userId);
  return [note, ...others.map((other) => other.text)].slice(0, notesKept).join('~');
}

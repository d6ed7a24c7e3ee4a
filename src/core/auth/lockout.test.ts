import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, testPassword, type TestPlatform } from '../../test/platform.ts';
import { deviceCookie } from './devices.ts';

/**
 * Login against a guesser (issue 12, item 9): one address may not spray passwords over many usernames; a locked
 * account answers exactly as an unknown one; and the lock slows the guesser, not the user: a browser the user has
 * logged in from gets past it, and clears it.
 */

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform({ lockoutAttempts: 3, lockoutMinutes: 15, loginRatePerAddress: 20 });
});
afterAll(() => test?.close());

let address = 0;
/** Each test its own client address, so that the per-address limit of one does not meet another's attempts. */
const newAddress = () => `192.0.2.${++address}`;

function login(username: string, password: string, from: string, notes?: string) {
  return test.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password },
    remoteAddress: from,
    headers: notes ? { cookie: `${deviceCookie}=${notes}` } : {},
  });
}
const notesOf = (response: Awaited<ReturnType<typeof login>>) => response.cookies.find((cookie) => cookie.name === deviceCookie)?.value;
const lockedUntil = async (id: number) => (await sql<{ locked_until: Date | null }>`SELECT locked_until FROM users WHERE id = ${id}`.execute(test.platform.db)).rows[0]!.locked_until;

/** What a failed login tells its caller: everything but the request's own id and address. */
const answer = (response: Awaited<ReturnType<typeof login>>) => {
  const { requestId: _id, instance: _instance, ...rest } = response.json() as Record<string, unknown>;
  return { status: response.statusCode, ...rest };
};

describe('a guesser', () => {
  it('cannot try many usernames from one address: the address has its own limit', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let name = 0; name < 25; name++) statuses.push((await login(`spray_${name}`, 'Summer-2013-password', from)).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const refused = await login('spray_99', 'Summer-2013-password', from);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another address is not held back by it.
    expect((await login('spray_0', 'Summer-2013-password', newAddress())).statusCode).toBe(401);
  });

  it('cannot tell a locked account from an unknown one, even with the right password', async () => {
    const { username } = await makeUser(test, '220102', 'operator');
    const from = newAddress();
    for (let attempt = 1; attempt <= 3; attempt++) await login(username, `guess-number-${attempt}`, from);
    const locked = await login(username, testPassword, from);
    const unknown = await login('nobody_at_all', testPassword, from);
    const wrong = await login(username, 'guess-number-4', from);
    expect(answer(locked)).toEqual(answer(unknown));
    expect(answer(wrong)).toEqual(answer(unknown));
    expect(answer(unknown)).toMatchObject({ status: 401, code: 'unauthenticated', messageKey: 'auth.invalid_credentials' });
    expect(notesOf(locked)).toBeUndefined();
  });
});

describe('the user', () => {
  it('gets past a lock from a browser they have logged in from, and that login clears it', async () => {
    const { username, id } = await makeUser(test, '220102', 'viewer');
    const desk = newAddress();
    const notes = notesOf(await login(username, testPassword, desk));
    expect(notes).toBeDefined();
    // Someone elsewhere locks the account.
    const elsewhere = newAddress();
    for (let attempt = 1; attempt <= 3; attempt++) await login(username, `guess-number-${attempt}`, elsewhere);
    expect(await lockedUntil(id)).not.toBeNull();
    expect((await login(username, testPassword, elsewhere)).statusCode).toBe(401);
    // At the desk: a wrong password is still wrong, the right one opens a session and lifts the lock.
    expect((await login(username, 'not-my-password-1', desk, notes)).statusCode).toBe(401);
    const back = await login(username, testPassword, desk, notes);
    expect(back.statusCode).toBe(200);
    expect(await lockedUntil(id)).toBeNull();
    expect((await login(username, testPassword, newAddress())).statusCode).toBe(200);
  });

  it('a browser’s note is for its own user only, and a forged one is no note', async () => {
    const mine = await makeUser(test, '220102', 'viewer');
    const theirs = await makeUser(test, '220102', 'viewer');
    const notes = notesOf(await login(mine.username, testPassword, newAddress()))!;
    for (let attempt = 1; attempt <= 3; attempt++) await login(theirs.username, `guess-number-${attempt}`, newAddress());
    expect((await login(theirs.username, testPassword, newAddress(), notes)).statusCode).toBe(401);
    const [, nonce, signature] = notes.split('.');
    expect((await login(theirs.username, testPassword, newAddress(), `${theirs.id}.${nonce}.${signature}`)).statusCode).toBe(401);
    // The note is sent back to the login route only, and never to a script.
    const cookie = (await login(mine.username, testPassword, newAddress(), notes)).cookies.find((c) => c.name === deviceCookie)!;
    expect(cookie).toMatchObject({ path: '/api/v1/session', httpOnly: true, sameSite: 'Strict' });
    // Two users of one browser each keep their note, the latest first.
    const colleague = await makeUser(test, '220102', 'viewer');
    const both = notesOf(await login(colleague.username, testPassword, newAddress(), notes))!;
    expect(both.split('~').map((note) => Number(note.split('.')[0]))).toEqual([colleague.id, mine.id]);
  });
});

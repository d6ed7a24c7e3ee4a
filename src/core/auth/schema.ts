import { z } from 'zod';
import { pageOf, pageQuery } from '../paging.ts';
import { endpoint } from '../contract.ts';
import { roles } from '../roles.ts';
import { locales } from '../i18n/catalogue.ts';
import { maxPasswordLength, minPasswordLength, passwordRuleBroken } from './password-rules.ts';

export const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'auth.username_format' });

/** Length first (password-rules.ts); the server also refuses common passwords and the username (common-passwords.ts). */
export const newPassword = z
  .string()
  .max(maxPasswordLength)
  .superRefine((value, context) => {
    const broken = passwordRuleBroken(value);
    if (broken) context.addIssue({ code: 'custom', message: broken, params: { code: broken.slice('auth.'.length), min: minPasswordLength } });
  });

export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword,
});

export const orgCode = z.string().trim().min(1).max(40);

export const createUserRequest = z.object({
  username,
  displayName: z.string().trim().min(1).max(100),
  orgCode,
  role: z.enum(roles),
  password: newPassword,
  locale: z.enum(locales).optional(),
});

export const updateUserRequest = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    orgCode,
    role: z.enum(roles),
    disabled: z.boolean(),
    locale: z.enum(locales),
  })
  .partial();

export const resetPasswordRequest = z.object({ password: newPassword });

export const userIdParams = z.object({ userId: z.coerce.number().int().positive().max(2 ** 31) });

export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  orgCode: orgCode.optional(),
  role: z.enum(roles).optional(),
  ...pageQuery,
});

export const userAbilities = z.object({ update: z.boolean(), resetPassword: z.boolean(), disable: z.boolean() });

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  role: z.enum(roles),
  locale: z.enum(locales),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  abilities: userAbilities,
});

export const userList = pageOf(userView);

export const meView = z.object({
  id: z.number().nullable(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  locale: z.enum(locales),
  org: z.object({ id: z.number(), code: z.string(), name: z.string(), path: z.string() }),
  mustChangePassword: z.boolean(),
});

export type LoginRequest = z.infer<typeof loginRequest>;
export type CreateUserRequest = z.infer<typeof createUserRequest>;
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
export type UserView = z.infer<typeof userView>;
export type MeView = z.infer<typeof meView>;

export const ok = z.object({ ok: z.literal(true) });
export const localeRequest = z.object({ locale: z.enum(locales) });

const authTags = ['auth'];
const userTags = ['users'];

export const authEndpoints = {
  login: endpoint({ method: 'POST', path: '/session', tags: authTags, summary: 'Log in', body: loginRequest, response: meView }),
  logout: endpoint({ method: 'DELETE', path: '/session', tags: authTags, summary: 'Log out', response: ok }),
  me: endpoint({ method: 'GET', path: '/me', tags: authTags, summary: 'Who is logged in, and their scope', response: meView }),
  changePassword: endpoint({ method: 'POST', path: '/me/password', tags: authTags, summary: 'Change one’s own password', body: changePasswordRequest, response: ok }),
  setLocale: endpoint({ method: 'PUT', path: '/me/locale', tags: authTags, summary: 'Remember the interface language', body: localeRequest, response: ok }),
};

export const userEndpoints = {
  list: endpoint({ method: 'GET', path: '/users', tags: userTags, summary: 'Accounts in scope', query: listUsersQuery, response: userList }),
  create: endpoint({ method: 'POST', path: '/users', tags: userTags, summary: 'Create an account', body: createUserRequest, response: userView, status: 201 }),
  get: endpoint({ method: 'GET', path: '/users/:userId', tags: userTags, summary: 'One account', params: userIdParams, response: userView }),
  update: endpoint({ method: 'PATCH', path: '/users/:userId', tags: userTags, summary: 'Edit, move, disable or enable an account', params: userIdParams, body: updateUserRequest, response: userView }),
  resetPassword: endpoint({ method: 'POST', path: '/users/:userId/password', tags: userTags, summary: 'Reset an account’s password', params: userIdParams, body: resetPasswordRequest, response: ok }),
};

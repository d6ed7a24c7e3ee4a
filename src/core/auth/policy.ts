import { definePolicy } from '../policy.ts';

/** Accounts are an admin's business; everyone manages their own password. */
export const userPolicy = definePolicy({
  list: ['admin'],
  create: ['admin'],
  update: ['admin'],
  resetPassword: ['admin'],
  disable: ['admin'],
});

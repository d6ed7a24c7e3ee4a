import { definePolicy, everyone } from '../../core/policy.ts';

/** The tree is the admins' (DESIGN: admin = users and org tree); employers are entered by operators too. */
export const orgPolicy = definePolicy({
  read: everyone,
  create: ['admin'],
  update: ['admin'],
  move: ['admin'],
  createEmployer: ['admin', 'operator'],
  updateEmployer: ['admin', 'operator'],
});

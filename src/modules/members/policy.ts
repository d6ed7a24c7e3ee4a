import { definePolicy, everyone } from '../../core/policy.ts';

/**
 * Everyone in scope reads the roster masked. Officers (operators, admins) keep it; seeing an ID number or phone in
 * full is for those who keep it and for reviewers who verify files, and each look is audited.
 */
export const memberPolicy = definePolicy({
  read: everyone,
  create: ['admin', 'operator'],
  update: ['admin', 'operator'],
  end: ['admin', 'operator'],
  transfer: ['admin', 'operator'],
  decideTransfer: ['admin', 'operator', 'reviewer'],
  reveal: ['admin', 'operator', 'reviewer'],
});

import { definePolicy, everyone } from '../../core/policy.ts';

/**
 * Who may take each step of a case (README.md, "States"). Officers (operators) take and handle cases; reviewers do
 * the quality check (质检); the level above — an account of an org above the handling one — approves extensions,
 * presses (督办) and decides a reopened case, which the service checks besides the role. Workers with no account
 * submit, follow their own case by its tracking code, and rate it.
 */
export const appealPolicy = definePolicy({
  read: everyone,
  submit: ['submitter', 'operator', 'admin'],
  follow: ['holder'],
  rateOnline: ['holder'],
  accept: ['operator', 'admin'],
  route: ['operator', 'admin'],
  handle: ['operator', 'admin'],
  review: ['reviewer', 'admin'],
  decideAbove: ['reviewer', 'admin'],
  supervise: ['reviewer', 'admin', 'operator'],
  rateCallback: ['operator', 'admin'],
  reveal: ['operator', 'reviewer', 'admin'],
});

/**
 * The registry of centres and stations: everyone in scope reads it; officers (operators) and admins enter, edit and
 * close the centres of their subtree.
 */
export const registryPolicy = definePolicy({
  read: everyone,
  enter: ['operator', 'admin'],
});

/**
 * The province's settings and holiday calendar: read by every member of staff (deadlines are counted with them);
 * changed only by an admin of the province federation itself (the service checks the level besides the role).
 */
export const calendarPolicy = definePolicy({
  read: everyone,
  update: ['admin'],
});

/**
 * Dispute early warnings (README.md, "Early warning"): raised by the platform in an appeal's own transaction; staff
 * of the county of the place and of every org above it see them, officers acknowledge them and record what was done,
 * a reviewer (or an admin) closes them.
 */
export const warningPolicy = definePolicy({
  read: everyone,
  acknowledge: ['operator', 'admin'],
  followUp: ['operator', 'admin'],
  close: ['reviewer', 'admin'],
});

/**
 * Legal aid (README.md, "Legal aid"): everyone in scope reads the institutions and their cases; officers (operators)
 * and admins of the federation or above set up its institution, add its lawyers and volunteers, take on a case for an
 * appeal, give it to a lawyer and close it with the outcome; a lawyer's name and phone in full are for those who may reveal a
 * worker's (appealPolicy.reveal).
 */
export const legalAidPolicy = definePolicy({
  read: everyone,
  enter: ['operator', 'admin'],
  handle: ['operator', 'admin'],
  reveal: ['operator', 'reviewer', 'admin'],
});

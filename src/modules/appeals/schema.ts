import { z } from 'zod';

/** The 12351 line's kinds of request. */
export const appealKinds = ['consultation', 'help', 'complaint', 'legal_aid', 'suggestion'] as const;
export const appealCategories = ['wages', 'social_insurance', 'contract', 'dismissal', 'hours_leave', 'safety_health', 'discrimination', 'other'] as const;
/** How it came in: the public page, the 12351 hotline, a visit, a letter. */
export const appealChannels = ['online', 'hotline', 'visit', 'letter'] as const;
export const difficulties = ['simple', 'ordinary', 'complex'] as const;
export const ratings = ['satisfied', 'basically', 'not_satisfied'] as const;
export const centreKinds = ['centre', 'station'] as const;
/**
 * The case's states (README.md, "States"): submitted → accepted → in_progress ⇄ waiting → answered → closed;
 * a not-satisfied rating makes a closed case `reviewing` at the level above.
 */
export const appealStatuses = ['submitted', 'accepted', 'in_progress', 'waiting', 'answered', 'closed', 'reviewing'] as const;

export type AppealKind = (typeof appealKinds)[number];
export type AppealCategory = (typeof appealCategories)[number];
export type AppealChannel = (typeof appealChannels)[number];
export type Difficulty = (typeof difficulties)[number];
export type Rating = (typeof ratings)[number];
export type CentreKind = (typeof centreKinds)[number];
export type AppealStatus = (typeof appealStatuses)[number];

export const isoDate = z.iso.date();

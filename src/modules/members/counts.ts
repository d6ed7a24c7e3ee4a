import type { CountDelta } from './store.ts';

/** What one membership adds to the per-union, per-year counts, given the person's current fields. */
export interface Contribution {
  orgId: number;
  joinedOn: string;
  endedOn: string | null;
  gender: 'male' | 'female';
  /** Null: not known (a roster without the column). */
  household: 'urban' | 'rural' | null;
  dispatched: boolean | null;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * A membership counts +1 in its year of joining and −1 in its year of ending, in all and by kind (women, migrant
 * workers, dispatched workers, and those whose household or dispatched flag is unknown). `sign` −1 takes a contribution back: an edit is the old one taken back and the new
 * one added, so the counts stay exact through any change.
 */
export function deltasOf(contribution: Contribution, sign: 1 | -1 = 1): CountDelta[] {
  const women = contribution.gender === 'female' ? sign : 0;
  const migrant = contribution.household === 'rural' ? sign : 0;
  const dispatched = contribution.dispatched ? sign : 0;
  const householdUnknown = contribution.household === null ? sign : 0;
  const dispatchedUnknown = contribution.dispatched === null ? sign : 0;
  const deltas: CountDelta[] = [
    {
      orgId: contribution.orgId, year: yearOf(contribution.joinedOn), joined: sign, joinedWomen: women, joinedMigrant: migrant, joinedDispatched: dispatched,
      joinedHouseholdUnknown: householdUnknown, joinedDispatchedUnknown: dispatchedUnknown,
    },
  ];
  if (contribution.endedOn) {
    deltas.push({
      orgId: contribution.orgId, year: yearOf(contribution.endedOn), ended: sign, endedWomen: women, endedMigrant: migrant, endedDispatched: dispatched,
      endedHouseholdUnknown: householdUnknown, endedDispatchedUnknown: dispatchedUnknown,
    });
  }
  return deltas;
}

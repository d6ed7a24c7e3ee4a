import type { OrgKind, OrgLevel } from './schema.ts';

/**
 * Where each kind of org may stand in the tree. Township unions sit under a county federation; alliances under a
 * county federation or a township union; grassroots unions under any federation (large employers report to the
 * city or even the province), a township union or an alliance.
 */
export function mayStandUnder(kind: OrgKind, level: OrgLevel, parent: { kind: OrgKind; level: OrgLevel }): boolean {
  switch (kind) {
    case 'federation':
      return (level === 'city' && parent.level === 'province') || (level === 'county' && parent.level === 'city');
    case 'township':
      return parent.kind === 'federation' && parent.level === 'county';
    case 'alliance':
      return (parent.kind === 'federation' && parent.level === 'county') || parent.kind === 'township';
    case 'grassroots':
      return parent.kind !== 'grassroots';
  }
}

export function levelOf(kind: Exclude<OrgKind, 'federation'>): OrgLevel {
  return kind === 'grassroots' ? 'grassroots' : 'township';
}

/** Child codes: the parent's code, a letter for the kind and a number, e.g. 220102-T003, 220102-T003-G0012. */
export function childCode(parentCode: string, kind: Exclude<OrgKind, 'federation'>, number: number): string {
  const [letter, width] = kind === 'township' ? ['T', 3] : kind === 'alliance' ? ['A', 3] : ['G', 4];
  return `${parentCode}-${letter}${String(number).padStart(width, '0')}`;
}

/** Employers are registered under a federation or a township union, the bodies that organise them. */
export const employerRegisteringKinds = ['federation', 'township'] as const satisfies readonly OrgKind[];

export function mayRegisterEmployers(kind: OrgKind): boolean {
  return (employerRegisteringKinds as readonly OrgKind[]).includes(kind);
}

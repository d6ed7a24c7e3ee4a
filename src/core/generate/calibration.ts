/**
 * The report's baseline figures for the end of 2012 (Jilin Provincial Federation of Trade Unions, 2013 work report),
 * which the synthetic province reproduces at scale 1. Counts scale with S and are apportioned so the scaled totals
 * come out exactly; rates do not scale.
 */
export const baseline = {
  year: 2012,
  /** org.grassroots_unions: grassroots unions founded on or before 31 Dec 2012. */
  grassrootsUnions: 47_518,
  /** org.new_grassroots_unions: founded 2008–2012. */
  newGrassrootsUnions: 24_561,
  /** org.members: memberships active on 31 Dec 2012. */
  members: 5_109_000,
  /** org.new_members: memberships joined 2008–2012. */
  newMembers: 944_500,
  /** Grassroots unions with a women workers' committee ÷ grassroots unions. */
  womenCommitteeRate: 0.97,
  /** Grassroots unions with a professional (full-time, hired) chair. */
  professionalChairs: 550,
} as const;

/** The five years the report looks back on. */
export const periodStart = 2008;
export const periodEnd = 2012;

/** A count at scale S: rounded once, at the total; the parts are apportioned from it. */
export const scaled = (count: number, scale: number): number => Math.round(count * scale);

/**
 * Weights of the nine cities/prefectures for spreading unions, employers and members: roughly their share of urban
 * employment in 2012 (Changchun, the capital, and Jilin city far ahead). Counties are weighted within their city by
 * `countyWeight`.
 */
export const cityWeights: Record<string, number> = {
  '220100': 0.34, // 长春市
  '220200': 0.17, // 吉林市
  '220300': 0.08, // 四平市
  '220400': 0.045, // 辽源市
  '220500': 0.075, // 通化市
  '220600': 0.05, // 白山市
  '220700': 0.08, // 松原市
  '220800': 0.055, // 白城市
  '222400': 0.085, // 延边朝鲜族自治州
};

/** A county's weight within its city: city districts (…区) hold more employers than rural counties, and the core
 * districts of the capital most of all. */
export function countyWeight(county: { code: string; name: string; townships: number }, cityCounties: number): number {
  const core = ['220102', '220103', '220104', '220105', '220106', '220202', '220203', '220204'];
  const district = county.name.endsWith('区');
  return (core.includes(county.code) ? 3 : district ? 1.8 : 1) * (county.townships + 6) / cityCounties;
}

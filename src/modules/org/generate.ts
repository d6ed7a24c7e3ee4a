import { sql } from 'kysely';
import { analyzeTables } from '../../core/db/roles.ts';
import { apportion, chooseWeighted } from '../../core/generate/apportion.ts';
import { periodEnd, reportFigure, scaled } from '../../core/report-figures.ts';
import type { GenerateParams, ModuleGenerator } from '../../core/generate/context.ts';
import { allianceName, employerName } from '../../core/generate/names.ts';
import { weighted, type Random } from '../../core/generate/random.ts';
import { csvLine } from '../../core/import/copy.ts';
import { creditCodeAlphabet, creditCodeCheckCharacter } from './credit-code.ts';
import { nameInitials } from './initials.ts';
import { childCode } from './rules.ts';
import type { industryUnions } from './schema.ts';
import { readDivisions } from './seed.ts';

/**
 * The org module's part of the synthetic province: a township union for each of the 1,036 real townships and
 * streets, union alliances, employers and one grassroots union for each unionised employer. The report's org
 * figures come out exactly at the end of 2012: grassroots unions, those founded 2008–2012, women's committees (97%)
 * and professional chairs. Members are the members module's part; it sizes them from the employers' headcounts.
 */

/** Assumptions of the generator, not figures of the report (scaled like the counts). */
const assumed = {
  /** Union alliances (区域性、行业性工会联合会) at the end of 2012. */
  alliances: 1_200,
  /** Employees of the employers whose union was founded before 2008, and 2008–2012: sized so that the members fit
   * with plausible membership rates, the new unions being mostly small private firms. */
  employeesOld: 5_400_000,
  employeesNew: 720_000,
  /** Each year after 2012: new grassroots unions and their employees. */
  unionsPerLaterYear: 4_200,
  employeesPerLaterYear: 110_000,
  /** Employers without a union, per grassroots union. */
  nonUnionisedShare: 0.18,
};

type Era = 'old' | 'new' | 'later';

interface Parent {
  id: number;
  code: string;
  path: string;
  /** The last number given to a child's code. */
  children: number;
}

interface County extends Parent {
  name: string;
  cityName: string;
  weight: number;
  townships: (Parent & { name: string; regionCode: string })[];
  alliances: (Parent & { name: string; parent: Parent })[];
}

interface Union {
  era: Era;
  foundedOn: string;
  employerIndex: number;
}

interface Employer {
  id: number;
  name: string;
  creditCode: string;
  ownership: string;
  sizeClass: string;
  aboveScale: boolean;
  industry: string;
  regionCode: string;
  registeredUnder: Parent;
  employees: number;
  address: string;
}

const ownershipsByEra: Record<Era | 'none', (random: Random) => string> = {
  old: weighted([['state', 30], ['collective', 10], ['public_institution', 25], ['agency', 12], ['private', 15], ['foreign', 3], ['hmt', 2], ['other', 3]]),
  new: weighted([['private', 74], ['collective', 3], ['foreign', 4], ['hmt', 3], ['state', 5], ['public_institution', 2], ['other', 9]]),
  later: weighted([['private', 78], ['collective', 2], ['foreign', 4], ['hmt', 3], ['state', 4], ['public_institution', 1], ['other', 8]]),
  none: weighted([['private', 85], ['collective', 5], ['other', 10]]),
};

const industriesByOwnership: Record<string, (random: Random) => string> = {
  agency: () => 'S',
  public_institution: weighted([['P', 45], ['Q', 30], ['R', 8], ['M', 9], ['N', 8]]),
  state: weighted([['C', 30], ['D', 12], ['G', 12], ['J', 10], ['B', 6], ['E', 10], ['F', 10], ['K', 5], ['I', 5]]),
  collective: weighted([['C', 35], ['F', 30], ['A', 15], ['O', 10], ['H', 10]]),
  enterprise: weighted([['C', 26], ['F', 22], ['H', 10], ['E', 10], ['G', 8], ['K', 6], ['L', 6], ['I', 4], ['O', 4], ['M', 2], ['A', 2]]),
};

const industryUnionOf: Record<string, (typeof industryUnions)[number] | null> = {
  A: 'agriculture', B: 'energy', C: 'machinery', D: 'energy', E: 'seamen_construction', F: 'commerce', G: 'seamen_construction',
  H: 'commerce', I: 'defence_post', J: 'finance', K: 'seamen_construction', L: 'commerce', M: 'education', N: 'agriculture',
  O: 'commerce', P: 'education', Q: 'education', R: 'education', S: null, T: null,
};

const roads = ['人民大街', '解放大路', '自由大路', '建设街', '新华路', '光明路', '长江路', '黄河路', '工农大路', '和平大街', '胜利街', '繁荣路', '幸福街', '团结路'];

/** Founding years before 2008: a few old state factories of the 1950s, most unions of the 1980s–2000s. */
const oldFoundingYear = weighted<number>(Array.from({ length: 2007 - 1950 + 1 }, (_, i) => [1950 + i, 1950 + i < 1978 ? 1 : 1950 + i < 1995 ? 3 : 5] as const));
/** 2008–2012: the drive to organise non-public enterprises grew year by year. */
const newFoundingYear = weighted<number>([[2008, 17], [2009, 19], [2010, 21], [2011, 22], [2012, 21]]);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateIn = (random: Random, year: number) => `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;

function sizeClassOf(employees: number): string {
  return employees >= 1000 ? 'large' : employees >= 300 ? 'medium' : employees >= 20 ? 'small' : 'micro';
}

/** GB 11714 organisation code (eight characters and a check character), the body of a credit code. */
function organisationCode(random: Random): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let body = '';
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const digit = random.int(0, 9);
    body += digit;
    sum += digit * weights[i]!;
  }
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** GB 32100-2015: registration authority and kind (91 enterprise, 12 public institution, 11 agency), the county, the organisation code, a check character. */
function creditCode(random: Random, ownership: string, countyCode: string, taken: Set<string>): string {
  const prefix = ownership === 'agency' ? '11' : ownership === 'public_institution' ? '12' : '91';
  for (;;) {
    const body = prefix + countyCode + organisationCode(random);
    if (![...body].every((ch) => creditCodeAlphabet.includes(ch))) continue;
    const code = body + creditCodeCheckCharacter(body)!;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

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

/** Headcounts: log-normal, a median of a few dozen and a long tail of large state employers; scaled to the era's total. */
function headcounts(random: Random, count: number, total: number, median: number, sigma: number): number[] {
  const raw = Array.from({ length: count }, () => Math.min(median * Math.exp(sigma * random.normal()), 60_000));
  const sum = raw.reduce((acc, value) => acc + value, 0);
  return raw.map((value) => Math.max(5, Math.round((value * total) / sum)));
}

function counts(params: GenerateParams) {
  const unions = scaled(reportFigure('org.grassroots_unions'), params.scale);
  const newUnions = scaled(reportFigure('org.new_grassroots_unions'), params.scale);
  const laterYears = Array.from({ length: params.until - periodEnd }, (_, i) => periodEnd + 1 + i);
  const later = laterYears.map(() => scaled(assumed.unionsPerLaterYear, params.scale));
  const allUnions = unions + later.reduce((a, b) => a + b, 0);
  return { unions, newUnions, oldUnions: unions - newUnions, laterYears, later, allUnions, nonUnionised: Math.round(allUnions * assumed.nonUnionisedShare), alliances: scaled(assumed.alliances, params.scale) };
}

export const orgGenerator: ModuleGenerator = {
  units(params) {
    const c = counts(params);
    return 1036 + c.alliances + 2 * c.allUnions + c.nonUnionised;
  },

  async run(context) {
    const { params } = context;
    const c = counts(params);
    const random = context.random('org');
    const divisions = await readDivisions();
    const federations = new Map(
      (await sql<{ id: number; code: string; path: string }>`SELECT id, code, path::text AS path FROM orgs WHERE kind = 'federation'`.execute(context.db)).rows.map((row) => [row.code, row]),
    );
    const federation = (code: string) => {
      const row = federations.get(code);
      if (!row) throw new Error(`the federation ${code} is missing: the org module's seed loads it at every start`);
      return row;
    };

    // The real divisions: every county with its townships.
    const counties: County[] = divisions.cities.flatMap((city) =>
      city.counties.map((county) => {
        const townships = (county as { townships?: { code: string; name: string }[] }).townships ?? [];
        const row = federation(county.code);
        return {
          ...row,
          name: county.name,
          cityName: city.name,
          children: 0,
          weight: (cityWeights[city.code] ?? 0.01) * countyWeight({ code: county.code, name: county.name, townships: townships.length }, city.counties.length),
          townships: townships.map((township) => ({ id: 0, code: '', path: '', children: 0, name: township.name, regionCode: township.code })),
          alliances: [],
        };
      }),
    );
    const orgTotal = counties.reduce((sum, county) => sum + county.townships.length, 0) + c.alliances + c.allUnions;
    const employerTotal = c.allUnions + c.nonUnionised;
    let nextOrgId = await context.reserveIds('orgs', orgTotal);
    let nextEmployerId = await context.reserveIds('employers', employerTotal);
    const child = (parent: Parent, kind: 'township' | 'alliance' | 'grassroots') => {
      const id = nextOrgId++;
      return { id, code: childCode(parent.code, kind, ++parent.children), path: `${parent.path}.${id}`, children: 0 };
    };

    // Townships and alliances: one batch.
    const treeRows: string[] = [];
    const orgRow = (org: Parent, parent: Parent, fields: { name: string; kind: string; level: string; region: string | null; industry?: string | null; employerId?: number | null; foundedOn?: string | null; women?: boolean; chair?: boolean; joint?: boolean }) => {
      context.digest('org', org.code, fields.name, fields.kind, parent.code, fields.region, fields.industry, fields.foundedOn, fields.women, fields.chair, fields.joint);
      return csvLine([org.id, org.code, fields.name, nameInitials(fields.name), fields.kind, fields.level, parent.id, org.path, fields.region, fields.industry ?? null, fields.employerId ?? null, fields.foundedOn ?? null, fields.women ?? false, fields.chair ?? false, fields.joint ?? false]);
    };
    for (const county of counties) {
      for (const township of county.townships) {
        Object.assign(township, child(county, 'township'));
        treeRows.push(orgRow(township, county, { name: `${township.name}总工会`, kind: 'township', level: 'township', region: township.regionCode }));
      }
    }
    const alliancesPerCounty = apportion(c.alliances, counties.map((county) => county.weight));
    counties.forEach((county, index) => {
      for (let i = 0; i < alliancesPerCounty[index]!; i++) {
        const township = county.townships.length && random.chance(0.8) ? random.pick(county.townships) : undefined;
        const parent = township ?? county;
        const alliance = { ...child(parent, 'alliance'), name: allianceName(random, township?.name ?? county.name), parent };
        county.alliances.push(alliance);
        treeRows.push(orgRow(alliance, parent, { name: alliance.name, kind: 'alliance', level: 'township', region: township?.regionCode ?? county.code, foundedOn: dateIn(random, random.int(1998, 2007)) }));
      }
    });
    const columns = ['id', 'code', 'name', 'name_initials', 'kind', 'level', 'parent_id', 'path', 'region_code', 'industry', 'employer_id', 'founded_on', 'has_women_committee', 'has_professional_chair', 'party_union_joint'];
    await context.write(treeRows.length, (_tx, copy) => copy('orgs', columns, treeRows.join('')));

    // Grassroots unions, county by county, each era's count split over the counties so the totals are exact.
    const weights = counties.map((county) => county.weight);
    const perCounty = (total: number) => apportion(total, weights);
    const eras: { era: Era; year?: number; counts: number[] }[] = [
      { era: 'old', counts: perCounty(c.oldUnions) },
      { era: 'new', counts: perCounty(c.newUnions) },
      ...c.laterYears.map((year, i) => ({ era: 'later' as const, year, counts: perCounty(c.later[i]!) })),
    ];
    const employers: Employer[] = [];
    const unionsByCounty: Union[][] = counties.map(() => []);
    const taken = new Set<string>();
    const names = new Set<string>();
    const newEmployer = (county: County, era: Era | 'none', employees: number): number => {
      const ownership = ownershipsByEra[era](random);
      const industry = (industriesByOwnership[ownership] ?? industriesByOwnership.enterprise!)(random);
      const township = county.townships.length ? random.pick(county.townships) : undefined;
      const place = random.chance(0.5) ? county.cityName.replace(/(市|朝鲜族自治州)$/, '') : county.name.replace(/(区|市|县|朝鲜族自治县|满族自治县|蒙古族自治县)$/, '');
      let name = employerName(random, place, industry, ownership);
      for (let attempt = 2; names.has(name); attempt++) name = `${name.replace(/（第\d+分公司）$/, '')}（第${attempt}分公司）`;
      names.add(name);
      const large = employees >= 1000;
      employers.push({
        id: nextEmployerId++,
        name,
        creditCode: creditCode(random, ownership, county.code, taken),
        ownership,
        sizeClass: sizeClassOf(employees),
        aboveScale: ['B', 'C', 'D'].includes(industry) && employees >= 60,
        industry,
        regionCode: township && !large ? township.regionCode : county.code,
        // Large employers report to the county federation; the rest are organised by their township's union.
        registeredUnder: township && !large ? township : county,
        employees,
        address: `${county.cityName}${county.name}${township && !large ? township.name : ''}${random.pick(roads)}${random.int(1, 999)}号`,
      });
      return employers.length - 1;
    };
    const totalEmployees: Record<Era, number> = { old: scaled(assumed.employeesOld, params.scale), new: scaled(assumed.employeesNew, params.scale), later: scaled(assumed.employeesPerLaterYear, params.scale) };
    for (const { era, year, counts: eraCounts } of eras) {
      const total = eraCounts.reduce((a, b) => a + b, 0);
      const sizes = era === 'old' ? headcounts(random, total, totalEmployees.old, 70, 1.5) : headcounts(random, total, totalEmployees[era], 15, 1.0);
      let next = 0;
      counties.forEach((county, index) => {
        for (let i = 0; i < eraCounts[index]!; i++) {
          const foundingYear = era === 'old' ? oldFoundingYear(random) : era === 'new' ? newFoundingYear(random) : year!;
          unionsByCounty[index]!.push({ era, foundedOn: dateIn(random, foundingYear), employerIndex: newEmployer(county, era, sizes[next++]!) });
        }
      });
    }
    const nonUnionised = perCounty(c.nonUnionised);
    counties.forEach((county, index) => {
      for (let i = 0; i < nonUnionised[index]!; i++) newEmployer(county, 'none', random.int(3, 60));
    });

    // The flags, exact where the report gives a figure: 97% of the unions of the end of 2012 have a women's
    // committee (larger ones more likely), 550 professional chairs (in large employers, mostly).
    const baselineUnions = unionsByCounty.flat().filter((union) => union.era !== 'later');
    const women = chooseWeighted(Math.round(reportFigure('org.women_committee_rate') * baselineUnions.length), baselineUnions.map((u) => 1 + Math.log(employers[u.employerIndex]!.employees)), random.next);
    const chairs = chooseWeighted(scaled(reportFigure('org.professional_chairs'), params.scale), baselineUnions.map((u) => employers[u.employerIndex]!.employees), random.next);
    const flags = new Map(baselineUnions.map((union, index) => [union, { women: women.has(index), chair: chairs.has(index) }]));

    // Employers first (a union names its employer), then the unions, in batches; numbers follow the founding date.
    const employerColumns = ['id', 'name', 'credit_code', 'ownership', 'size_class', 'above_scale', 'industry', 'region_code', 'org_id', 'employee_count', 'address'];
    const employerRow = (e: Employer) => {
      context.digest('employer', e.creditCode, e.name, e.ownership, e.sizeClass, e.aboveScale, e.industry, e.regionCode, e.registeredUnder.code, e.employees, e.address);
      return csvLine([e.id, e.name, e.creditCode, e.ownership, e.sizeClass, e.aboveScale, e.industry, e.regionCode, e.registeredUnder.id, e.employees, e.address]);
    };
    let employerRows: string[] = [];
    let unionRows: string[] = [];
    const flush = async () => {
      const [e, u] = [employerRows.join(''), unionRows.join('')];
      const units = employerRows.length + unionRows.length;
      employerRows = [];
      unionRows = [];
      await context.write(units, async (_tx, copy) => {
        if (e) await copy('employers', employerColumns, e);
        if (u) await copy('orgs', columns, u);
      });
    };
    for (const [index, county] of counties.entries()) {
      const unions = unionsByCounty[index]!.sort((a, b) => a.foundedOn.localeCompare(b.foundedOn) || a.employerIndex - b.employerIndex);
      for (const union of unions) {
        const employer = employers[union.employerIndex]!;
        // Small firms are often organised together in an alliance of their township or county.
        const alliances = county.alliances.filter((alliance) => alliance.parent === employer.registeredUnder);
        const parent: Parent = employer.employees < 50 && alliances.length && random.chance(0.25) ? random.pick(alliances) : employer.registeredUnder;
        const flag = flags.get(union) ?? { women: random.chance(reportFigure('org.women_committee_rate')), chair: random.chance(0.005) };
        employerRows.push(employerRow(employer));
        unionRows.push(
          orgRow(child(parent, 'grassroots'), parent, {
            name: `${employer.name}工会`,
            kind: 'grassroots',
            level: 'grassroots',
            region: employer.regionCode,
            industry: industryUnionOf[employer.industry] ?? null,
            employerId: employer.id,
            foundedOn: union.foundedOn,
            women: flag.women,
            chair: flag.chair,
            joint: random.chance(employer.ownership === 'private' ? 0.45 : 0.75),
          }),
        );
        if (unionRows.length >= 10_000) await flush();
      }
    }
    const unionised = new Set(unionsByCounty.flat().map((union) => union.employerIndex));
    employers.forEach((employer, index) => unionised.has(index) || employerRows.push(employerRow(employer)));
    await flush();

    // The numbers given to children's codes, so an org added by hand later takes the next one.
    const parents = counties.flatMap((county) => [county, ...county.townships, ...county.alliances]).filter((parent) => parent.children > 0);
    await context.write(0, async (tx) => {
      await sql`UPDATE orgs SET child_sequence = greatest(orgs.child_sequence, s.n) FROM unnest(${parents.map((p) => p.id)}::bigint[], ${parents.map((p) => p.children)}::int[]) AS s(id, n) WHERE orgs.id = s.id`.execute(tx);
      // The planner's statistics of the tree and the employers as generated: the lists' plans depend on them (a
      // fresh server's autovacuum may not have run yet, PGlite has none).
      await analyzeTables(tx, ['orgs', 'employers']);
    });
    return {
      townships: counties.reduce((sum, county) => sum + county.townships.length, 0),
      alliances: c.alliances,
      grassrootsUnions: c.allUnions,
      employers: employers.length,
    };
  },
};


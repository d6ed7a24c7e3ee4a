import { readFile } from 'node:fs/promises';
import type { SeedContext } from '../../core/module.ts';
import { wholeTree } from '../../core/scope.ts';
import * as store from './store.ts';

interface Divisions {
  source: string;
  province: { code: string; name: string };
  cities: { code: string; name: string; counties: { code: string; name: string }[] }[];
}

export const divisionsFile = new URL('../../../data/jilin-divisions.json', import.meta.url);

export async function readDivisions(): Promise<Divisions> {
  return JSON.parse(await readFile(divisionsFile, 'utf8')) as Divisions;
}

/** 吉林省 → 吉林省总工会; 延边朝鲜族自治州 → 延边朝鲜族自治州总工会. */
const federationName = (division: string) => `${division}总工会`;

/**
 * Loads the federations of the real divisions (province, 9 cities/prefectures, 60 counties) with their GB/T 2260
 * codes. Runs at every start and adds only what is missing, so a second start changes nothing.
 */
export async function seedFederations({ db, log }: SeedContext): Promise<void> {
  const divisions = await readDivisions();
  const existing = new Set((await db.withTables<{ orgs: { code: string } }>().selectFrom('orgs').select('code').execute()).map((row) => row.code));
  const wanted = 1 + divisions.cities.reduce((sum, city) => sum + 1 + city.counties.length, 0);
  const filled = await store.fillNameInitials(db);
  if (filled > 0) log(`org: pinyin initials filled in for ${filled} orgs`);
  if (divisions.cities.every((city) => existing.has(city.code) && city.counties.every((county) => existing.has(county.code))) && existing.has(divisions.province.code)) return;
  await db.transaction().execute(async (tx) => {
    const ensure = async (code: string, name: string, level: 'province' | 'city' | 'county', parentId: number | null) => {
      const found = await store.findOrgByCode(tx, wholeTree, code);
      if (found) return found.id;
      const id = await store.insertOrg(tx, wholeTree, parentId, { code, name: federationName(name), kind: 'federation', level, region_code: code });
      return id!;
    };
    const provinceId = await ensure(divisions.province.code, divisions.province.name, 'province', null);
    for (const city of divisions.cities) {
      const cityId = await ensure(city.code, city.name, 'city', provinceId);
      for (const county of city.counties) await ensure(county.code, county.name, 'county', cityId);
    }
  });
  log(`org: loaded ${wanted} federations of ${divisions.province.name} (${divisions.source})`);
}

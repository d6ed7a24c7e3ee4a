import type { SeedContext } from '../../core/module.ts';
import { treeRoot } from '../../core/tree.ts';
import { officialDays } from './calendar.ts';
import * as store from './store.ts';

/** At every start: the province's settings with issue 15's defaults and the shipped calendar, the first time only. */
export async function seedAppeals({ db, log }: SeedContext): Promise<void> {
  const province = await treeRoot(db);
  if (!province) return;
  if (await store.ensureProvince(db, province.id, officialDays())) log(`appeals: settings and the holiday calendar of ${province.name} loaded`);
}

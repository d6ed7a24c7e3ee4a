import type { Actor } from '../../core/actor.ts';
import type { Download } from '../../core/files.ts';
import { translate } from '../../core/i18n/catalogue.ts';
import { importTemplate } from '../../core/import/template.ts';
import { idNumberCheckCharacter } from './id-number.ts';
import { memberColumns, type MemberField } from './import-columns.ts';
import { memberPolicy } from './policy.ts';

const exampleBody = '22010219900307002';

/** 会员名册模板: the roster's headers, one made-up member and how to fill each column, in the reader's language. */
export async function rosterTemplate(actor: Actor): Promise<Download> {
  memberPolicy.assert(actor, 'create');
  const { locale } = actor;
  const word = (key: string) => translate(locale, key);
  const notes = Object.fromEntries((Object.keys(memberColumns) as MemberField[]).map((field) => [field, word(`members.template.note.${field}`)])) as Record<MemberField, string>;
  return importTemplate({
    locale,
    columns: memberColumns,
    label: (field) => word(`members.field.${field}`),
    name: word('members.template.name'),
    notes,
    example: {
      union: word('members.template.example.union'),
      name: word('members.template.example.name'),
      gender: word('members.gender.male'),
      idNumber: exampleBody + idNumberCheckCharacter(exampleBody)!,
      phone: '13904310000',
      household: word('members.household.urban'),
      dispatched: word('members.export.no'),
      education: word('members.education.vocational'),
      job: word('members.template.example.job'),
      joinedOn: '2015-03-01',
      cardNumber: 'HY-0001',
    },
  });
}

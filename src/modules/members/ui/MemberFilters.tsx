import { Form, Input, InputNumber, Select, Typography } from 'antd';
import type { ServerTableState } from '../../../web/components/useServerTable.ts';
import { TableFilters } from '../../../web/components/ServerTable.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { households } from '../schema.ts';
import { enumOptions } from './labels.ts';

/**
 * The roster's filters: name, ID number and phone (exact, by their keyed hash; only for those who may reveal, as the
 * server allows), card number (exact), status, year joined, household, dispatch.
 */
export function MemberFilters({ table, byNumber, inUnion }: { table: Pick<ServerTableState, 'filters' | 'setFilters'>; byNumber: boolean; inUnion: boolean }) {
  const { t } = useI18n();
  // Numbers are found by the keyed hash of the whole number, or of an ID number's last six characters within one
  // grassroots union: any other part finds nothing, so it is named at once.
  const partial = (value: string | undefined, whole: RegExp) => value !== undefined && value !== '' && !whole.test(value.replace(/[\s\-()（）]/g, ''));
  const idTail = !partial(table.filters.idNumber, /^\d{5}[\dXx]$/) && Boolean(table.filters.idNumber);
  const idProblem = idTail ? (inUnion ? undefined : 'members.search.id_number_tail_needs_union') : partial(table.filters.idNumber, /^(\d{17}[\dXx]|\d{15})$/) ? 'members.search.id_number_partial' : undefined;
  const phonePartial = partial(table.filters.phone, /^(1\d{10}|0\d{9,11})$/);
  return (
    <div style={{ flex: '1 1 480px', minWidth: 0 }}>
    <TableFilters table={table} name="member-filters" label={t('members.ui.filters')} typed={['q', 'idNumber', 'phone', 'cardNumber', 'joinedYear']}>
      <Form.Item label={t('members.ui.filter.q')} name="q">
        <Input allowClear placeholder={t('members.ui.filter.q.placeholder')} style={{ width: 140 }} />
      </Form.Item>
      {byNumber && (
        <Form.Item label={t('members.ui.filter.idNumber')} name="idNumber" validateStatus={idProblem ? 'error' : undefined} help={idProblem ? <span className="filter-help" data-testid="member-id-number-help">{t(idProblem)}</span> : undefined}>
          <Input allowClear placeholder={t(inUnion ? 'members.ui.filter.idNumber.placeholder_union' : 'members.ui.filter.idNumber.placeholder')} style={{ width: 190 }} />
        </Form.Item>
      )}
      {byNumber && (
        <Form.Item label={t('members.ui.filter.phone')} name="phone" validateStatus={phonePartial ? 'error' : undefined} help={phonePartial ? <span className="filter-help">{t('members.search.phone_partial')}</span> : undefined}>
          <Input allowClear placeholder={t('members.ui.filter.phone.placeholder')} style={{ width: 130 }} />
        </Form.Item>
      )}
      <Form.Item label={t('members.field.cardNumber')} name="cardNumber">
        <Input allowClear placeholder={t('members.ui.filter.cardNumber.placeholder')} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label={t('members.field.status')} name="status">
        <Select options={(['active', 'ended', 'all'] as const).map((value) => ({ value, label: t(`members.status.${value}`) }))} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item label={t('members.ui.filter.joinedYear')} name="joinedYear">
        <InputNumber min={1900} max={2100} precision={0} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item label={t('members.field.household')} name="household">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(households, t, 'members.household')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t('members.field.dispatched')} name="dispatched">
        <Select allowClear placeholder={t('common.all')} options={(['yes', 'no'] as const).map((value) => ({ value, label: t(`members.ui.filter.dispatched.${value}`) }))} style={{ width: 80 }} />
      </Form.Item>
    </TableFilters>
    <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }} data-testid="member-search-hint">
      {t('members.ui.filters.hint')}
    </Typography.Text>
    </div>
  );
}

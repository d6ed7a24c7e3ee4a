import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { addCalendarDayRequest, calendarEndpoints, calendarKinds, type AddCalendarDayRequest, type CalendarDayView } from '../../registry-schema.ts';
import { enumOptions } from '../labels.ts';

type Calendar = Awaited<ReturnType<typeof call<typeof calendarEndpoints.calendar>>>;
const rules = addCalendarDayRequest.shape;

/** A year of the province's calendar: its holidays and worked weekend days (调休), added and removed by whom may. */
export function CalendarCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [calendar, setCalendar] = useState<Calendar>();
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<AddCalendarDayRequest>();
  const { saving, save } = useSave(form);
  useEffect(() => {
    let current = true;
    call(calendarEndpoints.calendar, { query: { year } }).then(
      (answer) => current && setCalendar(answer),
      (error: unknown) => void message.error(error instanceof ApiError ? error.problem.detail : String(error)),
    );
    return () => {
      current = false;
    };
  }, [year, version, message]);
  const editable = calendar?.abilities.update ?? false;
  const years = [...new Set([...(calendar?.years ?? []), year - 1, year, year + 1])].sort();
  const add = (values: AddCalendarDayRequest) =>
    save(async () => {
      const added = await call(calendarEndpoints.addDay, { body: values });
      void message.success(t('appeals.calendar.added', { day: added.day }));
      form.resetFields();
      if (Number(added.day.slice(0, 4)) === year) setVersion((n) => n + 1);
      else setYear(Number(added.day.slice(0, 4)));
    });
  const remove = async (day: string) => {
    try {
      await call(calendarEndpoints.removeDay, { params: { day } });
      void message.success(t('appeals.calendar.removed', { day }));
      setVersion((n) => n + 1);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };
  const field = (name: string) => t(`appeals.calendar.field.${name}`);
  return (
    <Card
      type="inner"
      style={{ marginTop: 16 }}
      title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t('appeals.calendar.title')}</Typography.Title>}
      extra={<Select aria-label={t('appeals.calendar.year')} value={year} onChange={setYear} options={years.map((value) => ({ value, label: String(value) }))} style={{ width: 100 }} data-testid="calendar-year" />}
    >
      {editable && (
        <Form form={form} name="calendar-add" aria-label={t('appeals.calendar.add_form')} layout="inline" onFinish={add} initialValues={{ kind: 'holiday' }} style={{ rowGap: 8, marginBottom: 16 }} data-testid="calendar-add">
          <Form.Item label={field('day')} name="day" required rules={[zodRule(rules.day, t)]}>
            <Input type="date" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={field('kind')} name="kind" required rules={[zodRule(rules.kind, t)]}>
            <Select options={enumOptions(calendarKinds, t, 'appeals.calendar.kind')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label={field('name')} name="name" required rules={[zodRule(rules.name, t)]}>
            <Input maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="calendar-add-save">
              {t('appeals.calendar.add')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Table<CalendarDayView>
        size="small"
        rowKey="day"
        loading={!calendar}
        dataSource={calendar?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('appeals.calendar.no_days') }}
        data-testid="calendar-table"
        columns={[
          { key: 'day', title: field('day'), dataIndex: 'day' },
          { key: 'weekday', title: field('weekday'), dataIndex: 'day', render: (day: string) => t(`appeals.calendar.weekday.${dayjs(day).day()}`) },
          { key: 'kind', title: field('kind'), dataIndex: 'kind', render: (kind: string) => <Tag color={kind === 'workday' ? 'orange' : 'green'}>{t(`appeals.calendar.kind.${kind}`)}</Tag> },
          { key: 'name', title: field('name'), dataIndex: 'name' },
          ...(editable
            ? [{ key: 'actions', title: '', render: (_: unknown, row: CalendarDayView) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('appeals.calendar.remove_day', { day: row.day })} onClick={() => void remove(row.day)} /> }]
            : []),
        ]}
      />
    </Card>
  );
}

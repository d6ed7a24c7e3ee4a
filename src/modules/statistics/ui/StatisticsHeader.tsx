import { BarChartOutlined, DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, InputNumber, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { urlOf } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { statisticsEndpoints, type Overview } from '../schema.ts';

/** The org's trail up to the user's own (each a link), its name, level, the year and the plan in force, and the return to download. */
export function StatisticsHeader({ overview, trail, linkTo, onYear }: { overview: Overview; trail: { code: string; name: string }[]; linkTo: (code: string) => string; onYear: (year: number) => void }) {
  const { t } = useI18n();
  // The year is typed (2012, Enter): a year of the plan or long before it is as near as the present one.
  const [typed, setTyped] = useState<number | null>(overview.year);
  useEffect(() => setTyped(overview.year), [overview.year]);
  const take = () => {
    if (typed !== null && Number.isInteger(typed) && typed >= 1949 && typed <= 2100 && typed !== overview.year) onYear(typed);
  };
  const plan = overview.plan;
  const planText = !plan ? t('statistics.ui.header.no_plan') : plan.name.includes(String(plan.fromYear)) ? t('statistics.ui.header.plan_named', { name: plan.name }) : t('statistics.ui.header.plan', { name: plan.name, from: plan.fromYear, to: plan.toYear });
  return (
    <>
      {trail.length > 1 && (
        <nav aria-label={t('statistics.ui.trail')}>
          <Breadcrumb
            data-testid="statistics-trail"
            items={trail.map((item, index) => ({ key: item.code, title: index === trail.length - 1 ? <span aria-current="page">{item.name}</span> : <Link to={linkTo(item.code)}>{item.name}</Link> }))}
          />
        </nav>
      )}
      <Card data-testid="statistics-header" styles={{ body: { padding: '12px 20px' } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
          <Space size={12} wrap>
            <BarChartOutlined style={{ color: '#b71c1c', fontSize: 20 }} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {overview.org.name}
            </Typography.Title>
            <Tag color="red">{t(`org.level.${overview.org.level}`)}</Tag>
            <Space size={4}>
              <label htmlFor="statistics-year">
                <Typography.Text strong>{t('statistics.ui.header.year_label')}</Typography.Text>
              </label>
              <InputNumber id="statistics-year" data-testid="statistics-year" value={typed} min={1949} max={2100} precision={0} controls style={{ width: 96 }} onChange={(value) => setTyped(value)} onPressEnter={take} onBlur={take} />
            </Space>
            <Typography.Text type="secondary" data-testid="statistics-plan">
              {planText}
            </Typography.Text>
          </Space>
          <Button icon={<DownloadOutlined />} href={urlOf(statisticsEndpoints.statisticalReturn, { query: { org: overview.org.code, year: overview.year } })} download data-testid="statistics-download">
            {t('statistics.ui.download')}
          </Button>
        </div>
      </Card>
    </>
  );
}

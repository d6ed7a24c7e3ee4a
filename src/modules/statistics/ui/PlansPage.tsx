import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { statisticsEndpoints, type IndicatorInfo, type PlanList, type PlanView, type TargetView } from '../schema.ts';
import { PlanCard } from './PlanCard.tsx';
import { CreatePlanDrawer, LoadPlanDrawer } from './PlanForms.tsx';
import { TargetDrawer } from './TargetDrawer.tsx';

type Dialog = { kind: 'create' } | { kind: 'load' } | { kind: 'target'; plan: PlanView; target?: TargetView };

/** 规划与目标 (admins): each plan's targets, to edit, add or delete, and the report's baseline it carries. */
export default function PlansPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [list, setList] = useState<PlanList>();
  const plans = list?.items;
  const [indicators, setIndicators] = useState<IndicatorInfo[]>([]);
  const [failed, setFailed] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();

  const load = useCallback(async () => {
    try {
      const [found, known] = await Promise.all([call(statisticsEndpoints.plans), call(statisticsEndpoints.indicators)]);
      setList(found);
      setIndicators(known.items);
      setFailed(undefined);
    } catch (error) {
      setFailed(error instanceof ApiError ? error.problem.detail : String(error));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = () => {
    setDialog(undefined);
    void load();
  };

  const remove = async (plan: PlanView, target: TargetView) => {
    try {
      await call(statisticsEndpoints.deleteTarget, { params: { planId: plan.id, targetId: target.id } });
      void message.success(t('statistics.ui.target.deleted'));
      void load();
    } catch (error) {
      void message.error({ content: error instanceof ApiError ? error.problem.detail : String(error), duration: 8 });
    }
  };

  if (failed) return <Alert type="error" showIcon title={t('statistics.ui.plans.unavailable')} description={failed} />;
  if (!list || !plans) return <Skeleton active />;

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('statistics.ui.plans.title')}
          </Typography.Title>
        }
        extra={
          list.abilities.create && (
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'load' })} data-testid="plan-load">
              {t('statistics.ui.plans.load')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="plan-create">
              {t('statistics.ui.plans.create')}
            </Button>
          </Space>
          )
        }
        styles={{ body: plans.length ? { display: 'none' } : undefined }}
      >
        {plans.length === 0 && <Empty description={t('statistics.ui.plans.empty')} />}
      </Card>
      {plans.map((plan) => (
        <PlanCard key={plan.id} plan={plan} onTarget={(target) => setDialog({ kind: 'target', plan, target })} onRemove={(target) => void remove(plan, target)} />
      ))}
      <CreatePlanDrawer open={dialog?.kind === 'create'} onClose={() => setDialog(undefined)} onCreated={changed} />
      <LoadPlanDrawer open={dialog?.kind === 'load'} onClose={() => setDialog(undefined)} onLoaded={changed} />
      {dialog?.kind === 'target' && <TargetDrawer plan={dialog.plan} target={dialog.target} indicators={indicators} notMeasured={list.notMeasured} open onClose={() => setDialog(undefined)} onSaved={changed} />}
    </Space>
  );
}

import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';

/** A form in a side drawer with 取消 / 保存 at its foot: every create and edit form of the pages. */
export function FormDrawer(props: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Submits the form inside; the drawer stays open until the caller closes it. */
  onSave: () => void;
  saving: boolean;
  width?: number;
  saveTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      size={props.width ?? 560}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid={props.saveTestId}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}

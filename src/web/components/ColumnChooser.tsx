import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, theme } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n.tsx';

export interface ChoosableColumn {
  key: string;
  title: string;
}

/**
 * Which columns of a table a user shows, remembered in this browser per table. Columns not named in `initiallyHidden`
 * show until the user hides them; `locked` ones cannot be hidden (the name a row is opened by).
 */
export function useColumnChoice(tableId: string, allKeys: readonly string[], initiallyHidden: readonly string[] = []) {
  const storageKey = `qiaoliang.columns.${tableId}`;
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      if (stored) return (JSON.parse(stored) as string[]).filter((key) => allKeys.includes(key));
    } catch {
      // A damaged entry is forgotten.
    }
    return [...initiallyHidden];
  });
  const setVisible = useCallback(
    (visible: string[]) => {
      const next = allKeys.filter((key) => !visible.includes(key));
      setHidden(next);
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Private windows may refuse: the choice then lasts for the page only.
      }
    },
    [allKeys, storageKey],
  );
  const visible = allKeys.filter((key) => !hidden.includes(key));
  return { visible, setVisible };
}

/** The 显示列 button above a table: a dropdown of checkboxes, one per column. */
export function ColumnChooser({ columns, visible, onChange, locked = [] }: { columns: ChoosableColumn[]; visible: string[]; onChange: (visible: string[]) => void; locked?: string[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      open={open}
      onOpenChange={(next, info) => {
        if (info.source === 'trigger' || !next) setOpen(next);
      }}
      trigger={['click']}
      popupRender={() => (
        <div
          role="group"
          aria-label={t('common.columns')}
          style={{ background: token.colorBgElevated, borderRadius: token.borderRadiusLG, boxShadow: token.boxShadowSecondary, padding: '8px 12px', minWidth: 160 }}
        >
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            value={visible}
            onChange={(values) => onChange([...new Set([...locked, ...values.map(String)])])}
            options={columns.map((column) => ({ label: column.title, value: column.key, disabled: locked.includes(column.key) }))}
          />
        </div>
      )}
    >
      <Button icon={<SettingOutlined />}>{t('common.columns')}</Button>
    </Dropdown>
  );
}

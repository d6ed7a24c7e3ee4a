import type { Actor } from '../../../core/actor.ts';
import { ImportWizard } from '../../../web/components/import/ImportWizard.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { importJobKind, memberColumns } from '../import-columns.ts';
import { memberPolicy } from '../policy.ts';
import { memberEndpoints } from '../schema.ts';

/** 导入会员名册: the platform's import wizard with the roster's columns; the rejected rows file is for those who may see ID numbers in full. */
export default function ImportPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <ImportWizard
      spec={{
        jobKind: importJobKind,
        upload: memberEndpoints.import,
        preview: memberEndpoints.importPreview,
        template: memberEndpoints.importTemplate,
        rejected: memberEndpoints.importRejected,
        columns: memberColumns,
        columnLabel: (field) => t(`members.field.${field}`),
        mayDownloadRejected: memberPolicy.can({ role: me.role } as Actor, 'reveal'),
        list: { path: '/members', backKey: 'members.ui.import.back', toListKey: 'members.ui.import.to_roster' },
        titleKey: 'members.ui.import.title',
        intoHintKey: 'members.ui.import.into.hint',
        fileLabelKey: 'members.ui.import.file',
      }}
    />
  );
}

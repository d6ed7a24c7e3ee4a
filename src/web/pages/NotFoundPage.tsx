import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('shell.not_found')}
      extra={
        <Link to="/">
          <Button type="primary">{t('shell.back_home')}</Button>
        </Link>
      }
    />
  );
}

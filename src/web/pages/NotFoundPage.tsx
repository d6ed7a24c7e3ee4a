import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      // antd's 404 picture carries English words of its own ("No Found"): a plain sign instead, the words are ours.
      icon={<FileSearchOutlined style={{ fontSize: 72, color: '#8c8c8c' }} aria-hidden />}
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

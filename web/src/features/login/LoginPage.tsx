import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../../components/AppLayout';
import { LangSwitch } from '../../components/LangSwitch';
import { errorMessage } from '../../lib/api';
import { useMe } from '../../lib/hooks';
import { useLogin } from './api';

interface Values {
  username: string;
  password: string;
}

/** Only paths inside the app are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  async function onFinish(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await login.mutateAsync({ username: values.username.trim(), password: values.password });
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="chiso-login">
      <Card
        variant="borderless"
        styles={{ body: { padding: 28 } }}
        title={
          <div style={{ background: '#163f52', borderRadius: 8, margin: '12px 0' }}>
            <Brand />
          </div>
        }
        extra={<LangSwitch />}
      >
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form<Values>
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          autoComplete="on"
          name="login"
        >
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/open">{t('login.openData')}</Link>
        </div>
      </Card>
    </main>
  );
}

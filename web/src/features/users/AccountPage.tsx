/** My account: profile and grants, change my password, my API tokens (create — shown once —, list, revoke). Route: /account */
import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { errorMessage } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';
import { useMe } from '../../lib/hooks';
import { useChangeOwnPassword, useCreateToken, useRevokeToken, useTokens } from './api';
import { NewPasswordFields } from './NewPasswordFields';
import './messages';
import type { ApiToken } from './types';

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const user = me.data?.user;
  return (
    <>
      <PageTitle title={t('acct.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('acct.profile')} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'u', label: t('usr.username'), children: user?.username },
                { key: 'n', label: t('usr.displayName'), children: user?.displayName },
                {
                  key: 'g',
                  label: t('acct.grants'),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {user?.isAdmin && <Tag color="purple">{t('usr.isAdmin')}</Tag>}
                      {(me.data?.grants ?? []).map((g) => (
                        <Tag key={`${g.role}-${g.orgUnit}`}>
                          {t(`usr.role.${g.role}`, { defaultValue: g.role })} · {g.orgUnitName ?? g.orgUnit}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <ChangePassword />
        </Col>
        <Col xs={24} lg={14}>
          <Tokens />
        </Col>
      </Row>
    </>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const changePassword = useChangeOwnPassword();
  const [busy, setBusy] = useState(false);
  async function submit(v: { currentPassword: string; newPassword: string }) {
    setBusy(true);
    try {
      await changePassword.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('acct.passwordChanged'));
      form.resetFields();
    } catch (err) {
      applyServerErrors(form, err, { map: { password: 'newPassword' }, toast: (m) => message.error(m) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('acct.password')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="currentPassword"
          label={t('acct.currentPassword')}
          rules={[{ required: true, message: t('usr.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" />
        <Button type="primary" htmlType="submit" loading={busy} icon={<KeyOutlined />}>
          {t('acct.change')}
        </Button>
      </Form>
    </Card>
  );
}

const at = (tk: ApiToken, k: 'created' | 'expires' | 'last_used' | 'revoked') => {
  const camel = { created: 'createdAt', expires: 'expiresAt', last_used: 'lastUsedAt', revoked: 'revokedAt' }[
    k
  ] as 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt';
  return tk[`${k}_at` as 'created_at'] ?? tk[camel] ?? null;
};

function Tokens() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; scope: 'read' | 'write'; expiresAt?: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const tokens = useTokens<ApiToken>();
  const createToken = useCreateToken();
  const revokeToken = useRevokeToken();

  async function create(v: { name: string; scope: 'read' | 'write'; expiresAt?: Dayjs | null }) {
    setBusy(true);
    try {
      const r = await createToken.mutateAsync({
        name: v.name.trim(),
        scope: v.scope,
        expiresAt: v.expiresAt ? v.expiresAt.format('YYYY-MM-DD') : null,
      });
      setShown(r.token);
      form.resetFields();
    } catch (err) {
      applyServerErrors(form, err, { toast: (m) => message.error(m) });
    } finally {
      setBusy(false);
    }
  }

  async function revoke(tk: ApiToken) {
    try {
      await revokeToken.mutateAsync(tk.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title={t('acct.tokens')}>
      <Typography.Paragraph type="secondary">{t('acct.tokensHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ scope: 'write' }}
        onFinish={(v) => void create(v)}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('usr.required') }]}>
          <Input placeholder={t('acct.tokenName')} aria-label={t('acct.tokenName')} maxLength={100} />
        </Form.Item>
        <Form.Item name="scope">
          <Select
            aria-label={t('acct.scope')}
            style={{ width: 150 }}
            options={[
              { value: 'write', label: t('acct.scope.write') },
              { value: 'read', label: t('acct.scope.read') },
            ]}
          />
        </Form.Item>
        <Form.Item name="expiresAt">
          <DatePicker
            format="DD/MM/YYYY"
            placeholder={t('acct.expiresAt')}
            aria-label={t('acct.expiresAt')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
          {t('acct.createToken')}
        </Button>
      </Form>
      {tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={tokens.isPending}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('acct.noTokens') }}
          scroll={{ x: 640 }}
          columns={[
            { title: t('acct.tokenName'), dataIndex: 'name' },
            { title: t('acct.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
            {
              title: t('acct.scope'),
              dataIndex: 'scope',
              render: (s: string) => t(`acct.scope.${s}`, { defaultValue: s }),
            },
            {
              title: t('acct.createdAt'),
              key: 'c',
              render: (_, tk: ApiToken) => formatDate(at(tk, 'created')),
            },
            {
              title: t('acct.expiresAt'),
              key: 'e',
              render: (_, tk: ApiToken) =>
                at(tk, 'expires') ? formatDate(at(tk, 'expires')) : t('acct.never'),
            },
            {
              title: t('acct.lastUsed'),
              key: 'l',
              render: (_, tk: ApiToken) => formatDateTime(at(tk, 'last_used')),
            },
            {
              title: '',
              key: 'a',
              align: 'right',
              render: (_, tk: ApiToken) => {
                if (at(tk, 'revoked')) return <Tag>{t('acct.revoked')}</Tag>;
                const exp = at(tk, 'expires');
                if (exp && exp.slice(0, 10) < today) return <Tag>{t('acct.expired')}</Tag>;
                return (
                  <Popconfirm
                    title={t('acct.revokeConfirm', { name: tk.name })}
                    okText={t('acct.revoke')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke(tk)}
                  >
                    <Button danger size="small">
                      {t('acct.revoke')}
                    </Button>
                  </Popconfirm>
                );
              },
            },
          ]}
        />
      )}
      <Modal
        open={!!shown}
        title={t('acct.tokenCreated')}
        onCancel={() => setShown(null)}
        onOk={() => setShown(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('acct.tokenOnce')} style={{ marginBottom: 12 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={shown ?? ''} data-testid="new-token" />
          <Button
            icon={<CopyOutlined />}
            onClick={() =>
              void navigator.clipboard
                ?.writeText(shown ?? '')
                .then(() => message.success(t('acct.copied')))
                .catch(() => undefined)
            }
          >
            {t('acct.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </Card>
  );
}

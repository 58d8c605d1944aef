/**
 * Admin: accounts and grants. List and search; create (password policy errors on the field);
 * edit, disable / enable, reset password; grants (a role on an org unit) added and withdrawn.
 * Route: /admin/users
 */
import { DeleteOutlined, KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Divider,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { UnitPicker } from '../../components/UnitPicker';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';
import {
  useAddGrant,
  useCreateUser,
  useRemoveGrant,
  useResetPassword,
  useUpdateUser,
  useUser,
  useUsers,
} from './api';
import { NewPasswordFields } from './NewPasswordFields';
import './messages';
import { ROLES, type Role, type UserGrant, type UserView } from './types';

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const pageSize = 50;
  useEffect(() => {
    const h = setTimeout(() => {
      setSearch(q.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(h);
  }, [q]);
  const users = useUsers<UserView>(search, page, pageSize);
  const updateUser = useUpdateUser();

  async function setDisabled(u: UserView, disabled: boolean) {
    try {
      await updateUser.mutateAsync({ username: u.username, body: { disabled } });
      message.success(t('usr.saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <>
      <PageTitle
        title={t('usr.title')}
        sub={t('usr.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('usr.create')}
          </Button>
        }
      />
      <Card>
        <Input.Search
          allowClear
          aria-label={t('usr.search')}
          placeholder={t('usr.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360, marginBottom: 12 }}
        />
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table
            rowKey="username"
            size="small"
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              onChange: setPage,
              showTotal: (n) => t('usr.total', { count: n }),
            }}
            columns={[
              {
                title: t('usr.username'),
                key: 'u',
                render: (_, u: UserView) => (
                  <div>
                    <Typography.Link onClick={() => setEditing(u.username)}>{u.username}</Typography.Link>
                    {u.isAdmin && (
                      <Tag color="purple" style={{ marginInlineStart: 6 }}>
                        {t('usr.isAdmin')}
                      </Tag>
                    )}
                    <div className="chiso-muted">{u.displayName}</div>
                  </div>
                ),
              },
              { title: t('usr.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
              {
                title: t('usr.roles'),
                key: 'g',
                render: (_, u: UserView) =>
                  u.grants.length === 0 ? (
                    <span className="chiso-muted">—</span>
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {u.grants.map((g) => (
                        <Tag key={g.id}>
                          {t(`usr.role.${g.role}`, { defaultValue: g.role })} · {g.orgUnitName}
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
              {
                title: t('usr.status'),
                key: 's',
                render: (_, u: UserView) =>
                  u.disabled ? (
                    <Tag color="error">{t('usr.disabled')}</Tag>
                  ) : u.locked ? (
                    <Tag color="warning">{t('usr.locked')}</Tag>
                  ) : (
                    <Tag color="success">{t('usr.active')}</Tag>
                  ),
              },
              { title: t('usr.createdAt'), key: 'c', render: (_, u: UserView) => formatDate(u.createdAt) },
              {
                title: t('usr.actions'),
                key: 'a',
                align: 'right',
                render: (_, u: UserView) => (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => setEditing(u.username)}>
                      {t('usr.edit')}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      icon={<KeyOutlined />}
                      onClick={() => setResetting(u.username)}
                    >
                      {t('usr.resetPassword')}
                    </Button>
                    {u.disabled ? (
                      <Button type="link" size="small" onClick={() => void setDisabled(u, false)}>
                        {t('usr.enable')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('usr.disableConfirm', { username: u.username })}
                        okText={t('usr.disable')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => setDisabled(u, true)}
                      >
                        <Button type="link" size="small" danger icon={<StopOutlined />}>
                          {t('usr.disable')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateUserDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          setEditing(u);
        }}
      />
      <UserDrawer username={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal username={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

interface CreateValues {
  username: string;
  displayName?: string;
  email?: string;
  password: string;
  isAdmin?: boolean;
  homeUnit?: string;
  grantRole?: Role;
  grantUnit?: string;
}

function CreateUserDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (username: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const createUser = useCreateUser<UserView>();
  const [busy, setBusy] = useState(false);

  async function submit(v: CreateValues) {
    setBusy(true);
    try {
      const grants = v.grantRole && v.grantUnit ? [{ role: v.grantRole, orgUnit: v.grantUnit }] : undefined;
      const u = await createUser.mutateAsync({
        username: v.username.trim(),
        displayName: v.displayName?.trim() || undefined,
        email: v.email?.trim() || null,
        password: v.password,
        isAdmin: !!v.isAdmin,
        homeUnit: v.homeUnit ?? null,
        grants,
      });
      message.success(t('usr.created', { username: u.username }));
      form.resetFields();
      onCreated(u.username);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409)
        form.setFields([{ name: 'username', errors: [err.message] }]);
      else
        applyServerErrors(form, err, {
          map: { orgUnit: 'homeUnit', 'grants.0.orgUnit': 'grantUnit' },
          toast: (m) => message.error(m),
        });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={t('usr.create')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <Form.Item
          name="username"
          label={t('usr.username')}
          rules={[
            { required: true, message: t('usr.required') },
            { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('usr.usernameRule') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('usr.displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('usr.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('usr.password')}
          extra={t('usr.passwordHelp')}
          rules={[{ required: true, message: t('usr.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="homeUnit" label={t('usr.homeUnit')}>
          <UnitPicker onChange={(v) => form.setFieldValue('homeUnit', v)} allowClear />
        </Form.Item>
        <Form.Item name="isAdmin" label={t('usr.isAdmin')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('usr.initialGrant')}
        </Divider>
        <Space align="start" wrap>
          <Form.Item name="grantRole" label={t('usr.role')}>
            <Select
              style={{ width: 180 }}
              allowClear
              options={ROLES.map((r) => ({ value: r, label: t(`usr.role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="grantUnit" label={t('usr.unit')}>
            <UnitPicker onChange={(v) => form.setFieldValue('grantUnit', v)} allowClear />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}

interface EditValues {
  displayName: string;
  email?: string | null;
  homeUnit?: string | null;
  isAdmin: boolean;
  disabled: boolean;
}

function UserDrawer({ username, onClose }: { username: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<Role>('reporter');
  const [unit, setUnit] = useState<string | undefined>();
  const user = useUser<UserView>(username);
  const updateUser = useUpdateUser();
  const addGrantTo = useAddGrant();
  const removeGrantOf = useRemoveGrant();
  useEffect(() => {
    if (user.data)
      form.setFieldsValue({
        displayName: user.data.displayName,
        email: user.data.email,
        homeUnit: user.data.homeUnit,
        isAdmin: user.data.isAdmin,
        disabled: user.data.disabled,
      });
  }, [user.data, form]);

  async function save(v: EditValues) {
    if (!username) return;
    setBusy(true);
    try {
      await updateUser.mutateAsync({
        username,
        body: {
          displayName: v.displayName.trim(),
          email: v.email?.trim() || null,
          homeUnit: v.homeUnit ?? null,
          isAdmin: v.isAdmin,
          disabled: v.disabled,
        },
      });
      message.success(t('usr.saved'));
    } catch (err) {
      applyServerErrors(form, err, { toast: (m) => message.error(m) });
    } finally {
      setBusy(false);
    }
  }

  async function addGrant() {
    if (!username || !unit) return;
    try {
      const r = await addGrantTo.mutateAsync({ username, role, orgUnit: unit });
      message.success(r.created ? t('usr.grantAdded') : t('usr.grantExists'));
      setUnit(undefined);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function removeGrant(g: UserGrant) {
    if (!username) return;
    try {
      await removeGrantOf.mutateAsync({ username, id: g.id });
      message.success(t('usr.grantRemoved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Drawer
      open={!!username}
      onClose={onClose}
      size={560}
      title={username ? t('usr.editTitle', { username }) : ''}
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} disabled={!user.data}>
          {t('common.save')}
        </Button>
      }
    >
      {user.isError && <ErrorState error={user.error} onRetry={() => user.refetch()} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!user.data}>
        <Form.Item
          name="displayName"
          label={t('usr.displayName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('usr.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="homeUnit" label={t('usr.homeUnit')}>
          <UnitPicker onChange={(v) => form.setFieldValue('homeUnit', v ?? null)} allowClear />
        </Form.Item>
        <Space size={32}>
          <Form.Item name="isAdmin" label={t('usr.isAdmin')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="disabled" label={t('usr.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
      {user.data && (
        <Typography.Paragraph type="secondary">
          {t('usr.createdAt')}: {formatDateTime(user.data.createdAt)} · {t('usr.passwordChangedAt')}:{' '}
          {formatDateTime(user.data.passwordChangedAt)}
        </Typography.Paragraph>
      )}
      <Divider titlePlacement="start">{t('usr.grants')}</Divider>
      <Typography.Paragraph type="secondary">{t('usr.grantsHelp')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={user.data?.grants ?? []}
        locale={{ emptyText: t('usr.noGrants') }}
        renderItem={(g) => (
          <List.Item
            actions={[
              <Popconfirm
                key="rm"
                title={t('usr.removeGrantConfirm', {
                  role: t(`usr.role.${g.role}`, { defaultValue: g.role }),
                  unit: g.orgUnitName,
                })}
                okText={t('usr.removeGrant')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => removeGrant(g)}
              >
                <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                  {t('usr.removeGrant')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Tag>{t(`usr.role.${g.role}`, { defaultValue: g.role })}</Tag> {g.orgUnitName}{' '}
            <span className="chiso-muted">({g.orgUnit})</span>
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Select
          aria-label={t('usr.role')}
          style={{ width: 180 }}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`usr.role.${r}`) }))}
        />
        <UnitPicker value={unit} onChange={setUnit} aria-label={t('usr.unit')} />
        <Button icon={<PlusOutlined />} disabled={!unit} onClick={() => void addGrant()}>
          {t('usr.addGrant')}
        </Button>
      </Space>
    </Drawer>
  );
}

function ResetPasswordModal({ username, onClose }: { username: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const resetPassword = useResetPassword();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await resetPassword.mutateAsync({ username: username!, password: v.password });
      message.success(t('usr.resetDone', { username }));
      onClose();
    } catch (err) {
      applyServerErrors(form, err, { toast: (m) => message.error(m) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={!!username}
      title={username ? t('usr.resetTitle', { username }) : ''}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: busy }}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <NewPasswordFields name="password" />
      </Form>
    </Modal>
  );
}

/** All of a person's notifications, and their choices of what reaches them in the app and by e-mail. */
import { App, Button, Card, List, Segmented, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/PageStates';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import {
  PREFERENCE_KINDS,
  type PreferenceKind,
  useMarkRead,
  useNotifications,
  usePreferences,
  useSetPreferences,
} from './api';
import './messages';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page, PAGE_SIZE);
  const markRead = useMarkRead();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notifications.total', { count: list.data?.total ?? 0 }) },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
          />
          <Button disabled={!list.data?.unread} onClick={() => markRead.mutate('all')}>
            {t('notifications.markAll')}
          </Button>
        </Space>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <List
            loading={list.isPending}
            locale={{ emptyText: unreadOnly ? t('notifications.noneUnread') : t('notifications.none') }}
            dataSource={list.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
            }}
            renderItem={(n) => (
              <List.Item
                data-testid="notification-item"
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button key="read" size="small" type="link" onClick={() => markRead.mutate(n.id)}>
                          {t('notifications.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    n.link ? (
                      <Link to={n.link} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                        <Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>
                      </Link>
                    ) : (
                      <Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>
                    )
                  }
                  description={`${t(`notifications.kind.${n.kind}`)} · ${formatDateTime(n.createdAt)}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <PreferencesCard />
    </Space>
  );
}

function PreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useSetPreferences();
  const change = (kind: PreferenceKind, channel: 'inApp' | 'email', on: boolean) =>
    save.mutate(
      { [kind]: { [channel]: on } },
      {
        onSuccess: () => message.success(t('notifications.prefs.saved')),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Card title={t('notifications.prefs.title')}>
      <Typography.Paragraph type="secondary">{t('notifications.prefs.intro')}</Typography.Paragraph>
      {prefs.isError ? (
        <ErrorState error={prefs.error} onRetry={() => prefs.refetch()} />
      ) : (
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          loading={prefs.isPending}
          dataSource={PREFERENCE_KINDS.map((kind) => ({
            kind,
            ...(prefs.data?.[kind] ?? { inApp: false, email: false }),
          }))}
          columns={[
            {
              title: t('notifications.prefs.kind'),
              dataIndex: 'kind',
              render: (k: string) => t(`notifications.kind.${k}`),
            },
            {
              title: t('notifications.prefs.inApp'),
              dataIndex: 'inApp',
              width: 140,
              render: (on: boolean, row) =>
                row.kind === 'digest' ? (
                  '—'
                ) : (
                  <Switch
                    checked={on}
                    aria-label={`${t(`notifications.kind.${row.kind}`)}: ${t('notifications.prefs.inApp')}`}
                    onChange={(v) => change(row.kind, 'inApp', v)}
                  />
                ),
            },
            {
              title: t('notifications.prefs.email'),
              dataIndex: 'email',
              width: 120,
              render: (on: boolean, row) => (
                <Switch
                  checked={on}
                  aria-label={`${t(`notifications.kind.${row.kind}`)}: ${t('notifications.prefs.email')}`}
                  onChange={(v) => change(row.kind, 'email', v)}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

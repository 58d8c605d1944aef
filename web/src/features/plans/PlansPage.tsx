/** The list of plans (kế hoạch) the user can see. Route: /plans */

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { formatDate } from '../../lib/format';
import { useLocalName } from '../../lib/hooks';
import './messages';
import { usePlans } from './api';
import { useCanManage } from './buttons';
import { PlanFormModal } from './PlanFormModal';
import type { Plan } from './types';

export default function PlansPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const navigate = useNavigate();
  const canManage = useCanManage();
  const [creating, setCreating] = useState(false);
  const plans = usePlans();
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
  return (
    <>
      <PageTitle
        title={t('plans.title')}
        extra={
          <>
            <Link to="/targets">{t('plans.targetsTitle')}</Link>
            <Link to="/tasks">{t('plans.board')}</Link>
            <Link to="/my-work">{t('plans.myWork')}</Link>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('plans.form.newPlan')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Table
          rowKey="code"
          size="small"
          loading={plans.isPending}
          dataSource={plans.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('plans.name'),
              key: 'name',
              render: (_, p: Plan) => <Link to={`/plans/${encodeURIComponent(p.code)}`}>{local(p)}</Link>,
            },
            { title: t('plans.issuingBody'), dataIndex: 'issuingBody' },
            {
              title: t('plans.document'),
              key: 'doc',
              render: (_, p: Plan) =>
                [p.documentNumber, p.documentDate ? formatDate(p.documentDate) : null]
                  .filter(Boolean)
                  .join(' — '),
            },
            {
              title: t('plans.period'),
              key: 'period',
              render: (_, p: Plan) =>
                p.periodFrom === p.periodTo ? p.periodFrom : `${p.periodFrom}–${p.periodTo}`,
            },
            { title: t('plans.scope'), dataIndex: 'scopeUnitName' },
            { title: t('plans.targets'), dataIndex: 'targetCount', align: 'right' },
            { title: t('plans.tasks'), dataIndex: 'taskCount', align: 'right' },
            {
              title: t('plans.status'),
              key: 'status',
              render: (_, p: Plan) => <Tag>{t(`plans.planStatus.${p.status}`)}</Tag>,
            },
          ]}
        />
      </Card>
      <PlanFormModal
        open={creating}
        plan={null}
        onClose={(saved) => {
          setCreating(false);
          if (saved) navigate(`/plans/${encodeURIComponent(saved.code)}`);
        }}
      />
    </>
  );
}

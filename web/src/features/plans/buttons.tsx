/**
 * Buttons of the plans feature (Excel/CSV downloads, delete with confirmation) and who may create plans.
 * Who may create a plan or task somewhere (the menus) comes from GET /api/me → permissions.managePlansIn
 * (or admin); what one may do with a plan, target or task from that object's `abilities`.
 */
import { DeleteOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildUrl, currentLang, errorMessage } from '../../lib/api';
import { useMe } from '../../lib/hooks';
import './messages';

/**
 * May the user create plans (and tasks in them) somewhere — the "new" menus? Plans are managed in
 * the subtrees of secretariat grants; the server checks the scope, and each plan, target and task
 * says in its `abilities` what the user may do with it.
 */
export function useCanManage(): boolean {
  const me = useMe();
  const m = me.data;
  return (
    !!m &&
    (m.user.isAdmin || !!m.permissions?.manageCatalogue || (m.permissions?.managePlansIn?.length ?? 0) > 0)
  );
}

/** "Tải Excel" and "Tải CSV" for an export endpoint. */
export function ExportButtons({
  path,
  query,
}: {
  path: '/targets/export' | '/tasks/export';
  query: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  // a link sends the browser's language, not the app's: the file's language goes in the query
  const lang = currentLang();
  return (
    <Space>
      <Button icon={<FileExcelOutlined />} href={buildUrl(path, { ...query, format: 'xlsx', lang })} download>
        {t('common.downloadExcel')}
      </Button>
      <Button icon={<FileTextOutlined />} href={buildUrl(path, { ...query, format: 'csv', lang })} download>
        {t('common.downloadCsv')}
      </Button>
    </Space>
  );
}

/** A delete button that asks first. */
export function DeleteButton({
  title,
  onDelete,
  size,
}: {
  title: string;
  onDelete: () => Promise<unknown>;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={title}
      okText={t('plans.form.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await onDelete();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Button danger size={size} icon={<DeleteOutlined />}>
        {t('plans.form.delete')}
      </Button>
    </Popconfirm>
  );
}

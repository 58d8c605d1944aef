import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/PageStates';
import { ApiError } from '../../lib/api';
import type { ImportResult } from '../../lib/types';
import { useImportUnitsCsv } from './api';

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload a GSO unit list (code,name,type,level,parent_code[,valid_from,valid_to]) as text/csv. */
export function CsvImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importCsv = useImportUnitsCsv();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const text = await file.text();
      const header =
        text
          .split(/\r?\n/, 1)[0]
          ?.replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase() ?? '';
      if (!header.startsWith('code,name,type,level,parent_code')) {
        setError(t('admin.csvBadHeader'));
        return;
      }
      const res = await importCsv.mutateAsync(text);
      setResult(res);
      if (!res.errors?.length)
        message.success(t('admin.importDone', { created: res.created, updated: res.updated }));
    } catch (err) {
      const body = err instanceof ApiError ? (err as ApiError & { body?: unknown }).body : undefined;
      if (body && typeof body === 'object' && Array.isArray((body as ImportResult).errors))
        setResult(body as ImportResult);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('admin.csvHelp')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        beforeUpload={(f) => {
          if (f.size > MAX_BYTES) {
            message.error(t('admin.fileTooBig'));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          setResult(null);
          setError(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        fileList={file ? [{ uid: 'csv', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('admin.dropCsv')}</p>
      </Upload.Dragger>
      <Space style={{ marginTop: 12 }} wrap>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()}>
          {t('admin.import')}
        </Button>
      </Space>
      {error != null && (
        <div style={{ marginTop: 12 }}>
          <ErrorState error={error} title={t('admin.importFailed')} />
        </div>
      )}
      {result && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={result.errors?.length ? 'warning' : 'success'}
            showIcon
            title={t('admin.importResult', {
              created: result.created,
              updated: result.updated,
              errors: result.errors?.length ?? 0,
            })}
          />
          {result.errors?.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey={(r) => `${r.row}-${r.column ?? r.field}-${r.message}`}
              dataSource={result.errors}
              pagination={result.errors.length > 10 ? { pageSize: 10 } : false}
              columns={[
                { title: t('admin.row'), dataIndex: 'row', width: 80 },
                {
                  title: t('admin.column'),
                  key: 'col',
                  width: 140,
                  render: (_, r) => r.column ?? r.field ?? '—',
                },
                { title: t('admin.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </div>
  );
}

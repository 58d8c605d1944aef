/**
 * Excel round trip of a form: download the pre-filled template, upload it back with a progress bar;
 * errors are listed by sheet, row and column. The upload goes by XHR so its progress can be shown.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Progress,
  Space,
  Table,
  Typography,
  Upload,
  type UploadProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl, currentLang } from '../../lib/api';
import { useMe } from '../../lib/hooks';
import './messages';
import { useAfterUpload } from './api';
import type { UploadError, UploadResult } from './types';

const MAX_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type UploadRequestOption = Parameters<NonNullable<UploadProps['customRequest']>>[0];

export function ExcelPanel({
  form,
  period,
  orgUnit,
  disabled,
  onUploaded,
}: {
  form: string;
  period: string;
  orgUnit?: string;
  disabled?: boolean;
  onUploaded?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const afterUpload = useAfterUpload();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [partial, setPartial] = useState(false);

  const templateUrl = buildUrl(`/forms/${encodeURIComponent(form)}/template.xlsx`, { period, orgUnit });

  function upload(options: UploadRequestOption) {
    const file = options.file as File;
    setResult(null);
    setFailure(null);
    setPercent(0);
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      buildUrl(`/forms/${encodeURIComponent(form)}/upload`, {
        period,
        mode: partial ? 'partial' : undefined,
      }),
    );
    xhr.withCredentials = true;
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    xhr.setRequestHeader('Content-Type', isCsv ? 'text/csv; charset=utf-8' : XLSX);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLang());
    if (me.data?.csrfToken) xhr.setRequestHeader('x-csrf-token', me.data.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const p = Math.round((e.loaded / e.total) * 100);
      setPercent(p);
      options.onProgress?.({ percent: p });
    };
    xhr.onerror = () => {
      setPercent(null);
      setFailure(t('errors.network'));
      options.onError?.(new ProgressEvent('error'));
    };
    xhr.onload = () => {
      setPercent(100);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const r = body as (UploadResult & { error?: { message?: string } }) | null;
      if (r && Array.isArray(r.errors)) {
        setResult(r);
        if (xhr.status < 300) {
          if (r.errors.length === 0)
            message.success(
              t('rep.uploadOk', { imported: r.imported, updated: r.updated, unchanged: r.unchanged }),
            );
          afterUpload();
          onUploaded?.();
          options.onSuccess?.(r);
        } else options.onError?.(new ProgressEvent('error'), r);
      } else {
        setFailure(r?.error?.message ?? t('errors.http', { status: xhr.status }));
        options.onError?.(new ProgressEvent('error'), r);
      }
      setTimeout(() => setPercent(null), 600);
    };
    xhr.send(file);
  }

  const errors: UploadError[] = (result?.errors ?? []) as UploadError[];
  return (
    <div data-testid="excel-panel">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={templateUrl} download>
          {t('rep.downloadTemplate')}
        </Button>
        <Checkbox checked={partial} onChange={(e) => setPartial(e.target.checked)}>
          {t('rep.partial')}
        </Checkbox>
      </Space>
      <Typography.Paragraph type="secondary">{t('rep.uploadHelp')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        disabled={disabled || percent !== null}
        showUploadList={false}
        beforeUpload={(f) => {
          if (f.size > MAX_BYTES) {
            message.error(t('rep.fileTooBig'));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={(o) => upload(o)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('rep.uploadDrop')}</p>
      </Upload.Dragger>
      {percent !== null && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('rep.uploading')}</Typography.Text>
          <Progress percent={percent} status={percent < 100 ? 'active' : 'success'} />
        </div>
      )}
      {failure && <Alert style={{ marginTop: 12 }} type="error" showIcon title={failure} role="alert" />}
      {result && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={errors.length ? 'error' : 'success'}
            showIcon
            role={errors.length ? 'alert' : undefined}
            title={
              errors.length
                ? (result.message ?? t('rep.uploadErrors', { count: errors.length }))
                : t('rep.uploadOk', {
                    imported: result.imported,
                    updated: result.updated,
                    unchanged: result.unchanged,
                  })
            }
          />
          {errors.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.message}`}
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10 } : false}
              columns={[
                { title: t('rep.sheet'), dataIndex: 'sheet', width: 100 },
                { title: t('rep.row'), dataIndex: 'row', width: 70 },
                {
                  title: t('rep.column'),
                  key: 'col',
                  width: 200,
                  render: (_, r) => (
                    <span>
                      {r.column} <span className="chiso-muted">{r.field}</span>
                    </span>
                  ),
                },
                { title: t('rep.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </div>
  );
}

import { Alert, Button, Card, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../lib/api';

export function PageSkeleton() {
  return (
    <Card variant="borderless" aria-busy="true">
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}

export function BlockSkeleton({ rows = 4, height }: { rows?: number; height?: number }) {
  return (
    <div aria-busy="true" style={height ? { minHeight: height } : undefined}>
      <Skeleton active paragraph={{ rows }} title={false} />
    </div>
  );
}

/** An error as an Alert with the server's message, its details and a retry button. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('errors.loadFailed')}
      description={
        <div>
          <div>{typeof error === 'string' ? error : errorMessage(error)}</div>
          {details.length > 0 && (
            <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
              {details.slice(0, 10).map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity and never reorder
                <li key={i}>{d.message ?? JSON.stringify(d)}</li>
              ))}
            </ul>
          )}
        </div>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.noData')}>
      {children}
    </Empty>
  );
}

export function PageTitle({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="chiso-page-title">
      <div>
        <h1>{title}</h1>
        {sub && (
          <div className="chiso-muted" style={{ marginTop: 4 }}>
            {sub}
          </div>
        )}
      </div>
      {extra && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>{extra}</div>
      )}
    </div>
  );
}

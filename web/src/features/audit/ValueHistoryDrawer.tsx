/**
 * The history of one number (GET /api/data-values/history): its current value with who entered it,
 * and every change, newest first, with before and after. Used from the report entry grid.
 */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BlockSkeleton, ErrorState } from '../../components/PageStates';
import { api } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import './messages';

interface Snapshot {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string | null;
}

export interface ValueHistory {
  indicator: string;
  orgUnit: string;
  period: string;
  current: Array<
    Snapshot & {
      categoryOption: string | null;
      source: string;
      comment: string | null;
      createdBy: string | null;
      createdAt: string | null;
      updatedBy: string | null;
      updatedAt: string | null;
    }
  >;
  items: Array<{
    change: string;
    at: string | null;
    user: string | null;
    source: string | null;
    before: (Snapshot & { by: string | null; at: string | null }) | null;
    after: Snapshot | null;
  }>;
}

export interface ValueRef {
  indicator: string;
  orgUnit: string;
  period: string;
  /** Shown in the title. */
  label?: string;
}

export function ValueHistoryDrawer({ target, onClose }: { target: ValueRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery({
    queryKey: ['value-history', target?.indicator, target?.orgUnit, target?.period],
    queryFn: () =>
      api<ValueHistory>('/data-values/history', {
        query: { indicator: target!.indicator, orgUnit: target!.orgUnit, period: target!.period },
      }),
    enabled: !!target,
  });
  const snap = (s: Snapshot | null) => {
    if (!s) return '—';
    const v =
      s.numerator !== null || s.denominator !== null
        ? `${formatNumber(s.numerator, lang)} / ${formatNumber(s.denominator, lang)} = ${formatNumber(s.value, lang)}`
        : formatNumber(s.value, lang);
    return (
      <span>
        {v}
        {s.status && (
          <Tag style={{ marginInlineStart: 6 }}>{t(`vh.status.${s.status}`, { defaultValue: s.status })}</Tag>
        )}
      </span>
    );
  };
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={520}
      title={
        target ? (
          <span>
            {t('vh.title')}: {target.label ?? target.indicator}
            <div className="chiso-muted" style={{ fontWeight: 400, fontSize: 13 }}>
              {target.indicator} · {target.orgUnit} · {periodLabel(target.period, lang)}
            </div>
          </span>
        ) : (
          t('vh.title')
        )
      }
    >
      {q.isPending && <BlockSkeleton rows={6} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => q.refetch()} />}
      {q.data && (
        <div data-testid="value-history">
          <Typography.Title level={5}>{t('vh.current')}</Typography.Title>
          {q.data.current.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vh.noValue')} />
          ) : (
            q.data.current.map((c) => (
              <Descriptions
                key={c.categoryOption ?? '-'}
                size="small"
                column={1}
                bordered
                items={[
                  { key: 'v', label: t('vh.value'), children: snap(c) },
                  {
                    key: 's',
                    label: t('vh.source'),
                    children: t(`vh.source.${c.source}`, { defaultValue: c.source }),
                  },
                  ...(c.comment ? [{ key: 'c', label: t('vh.comment'), children: c.comment }] : []),
                  {
                    key: 'cb',
                    label: t('vh.createdBy'),
                    children: `${c.createdBy ?? '—'} · ${formatDateTime(c.createdAt)}`,
                  },
                  {
                    key: 'ub',
                    label: t('vh.updatedBy'),
                    children: `${c.updatedBy ?? '—'} · ${formatDateTime(c.updatedAt)}`,
                  },
                ]}
              />
            ))
          )}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('vh.changes')}
          </Typography.Title>
          {q.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vh.none')} />
          ) : (
            <Timeline
              items={q.data.items.map((i, n) => ({
                key: `${i.at}-${n}`,
                content: (
                  <div>
                    <div>
                      <strong>{t(`vh.change.${i.change}`, { defaultValue: i.change })}</strong> ·{' '}
                      {formatDateTime(i.at)} {i.user ? t('vh.by', { user: i.user }) : ''}
                      {i.source ? (
                        <span className="chiso-muted">
                          {' '}
                          · {t(`vh.source.${i.source}`, { defaultValue: i.source })}
                        </span>
                      ) : null}
                    </div>
                    <div>
                      {t('vh.before')}: {snap(i.before)}
                    </div>
                    <div>
                      {t('vh.after')}: {snap(i.after)}
                    </div>
                  </div>
                ),
              }))}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}

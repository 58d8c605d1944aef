/**
 * The IOC on a wall screen (route /ioc/wall): one screen (1920×1080) with no scrolling, pages that
 * each fit and rotate, type readable across a room, data refetched on its own.
 * URL: ?unit=CODE (default the user's home unit), &refresh=SECONDS (refetch, default 60, ≥ 5),
 * &rotate=SECONDS (next page, default 20, ≥ 5), &indicator=CODE (the map's indicator).
 * Every pillar page shows every pillar's column; a pillar with more indicators than fit goes on over
 * the next pages.
 */
import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChartDarkContext } from '../../components/charts/Chart';
import { ErrorState, PageSkeleton } from '../../components/PageStates';
import { formatValue } from '../../lib/format';
import { useCatalogNames, useLang, useLocalName, useMe } from '../../lib/hooks';
import { periodLabel, todayIso } from '../../lib/period';
import { changeOf } from './change';
import { LagLead } from './Panels';
import { UnitMap } from './UnitMap';
import { useOverviewData } from './useOverviewData';
import './wallMessages';

const PILLAR_ORDER = ['foundation', 'government', 'economy', 'society'];
const PILLAR_COLORS: Record<string, string> = {
  foundation: '#8d9ce6',
  government: '#5fb3cf',
  economy: '#4fc3b0',
  society: '#f0b44c',
};
/** Height of the header bar and of one indicator row (px): what decides how many rows fit. */
const HEADER_H = 96;
/** The wall's padding (12 px top and bottom) and the gap under the header. */
const FRAME_H = 40;
const COLUMN_HEAD_H = 64;
const ROW_H = 112;

/** Seconds from a URL parameter, at least 5, else the default. */
function seconds(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n >= 5 ? Math.round(n) : fallback;
}

const clock = (at: number) =>
  new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(at),
  );

function useViewportHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export default function WallPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const names = useCatalogNames();
  const localName = useLocalName();
  const me = useMe();
  const [params] = useSearchParams();
  const unitCode = params.get('unit') || me.data?.home || '';
  const refreshS = seconds(params.get('refresh'), 60);
  const rotateS = seconds(params.get('rotate'), 20);
  const height = useViewportHeight();
  const [page, setPage] = useState(0);
  const [paused, setPaused] = useState(false);

  const { unit, latest, items, indicator, children, childRows } = useOverviewData({
    unitCode,
    unitAsOf: todayIso(),
    indicator: params.get('indicator'),
    refetchSeconds: refreshS,
  });

  // pillar columns, cut into pages of as many rows as the screen holds
  const bodyH = height - HEADER_H - FRAME_H;
  const perPage = Math.max(2, Math.floor((bodyH - COLUMN_HEAD_H) / ROW_H));
  const pillars = PILLAR_ORDER.filter((p) => items.some((i) => i.pillar === p));
  const byPillar = new Map(pillars.map((p) => [p, items.filter((i) => i.pillar === p)]));
  const pillarPages = Math.max(1, ...pillars.map((p) => Math.ceil((byPillar.get(p)?.length ?? 0) / perPage)));
  const pages = pillarPages + 1; // + the map
  const current = page % pages;

  useEffect(() => {
    if (paused) return;
    const h = setInterval(() => setPage((n) => n + 1), rotateS * 1000);
    return () => clearInterval(h);
  }, [paused, rotateS]);

  // the wall owns the window: no scroll bars, whatever the layout around
  useEffect(() => {
    const el = document.documentElement;
    const before = el.style.overflow;
    el.style.overflow = 'hidden';
    return () => {
      el.style.overflow = before;
    };
  }, []);

  if (me.isPending || (unitCode && latest.isPending)) return <PageSkeleton />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;
  if (latest.isError) return <ErrorState error={latest.error} onRetry={() => latest.refetch()} />;

  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const isMap = current === pillarPages;
  const pageTitle = isMap
    ? t('wall.map', { indicator: indicator ? localName(indicator) : '' })
    : t('wall.pillars');

  return (
    <ConfigProvider
      theme={{
        algorithm: theme.darkAlgorithm,
        token: { fontSize: 20, colorBgContainer: '#14313f', colorPrimary: '#5fb3cf', colorLink: '#7cc4d8' },
      }}
    >
      <ChartDarkContext.Provider value={true}>
        <main className="chiso-wall" aria-label={t('wall.title')}>
          <header className="chiso-wall-head" style={{ height: HEADER_H }}>
            <div>
              <h1 className="chiso-wall-title">
                {t('wall.title')}: {unit.data?.name ?? unitCode}
              </h1>
              <div className="chiso-wall-sub">
                {pageTitle} · {t('wall.page', { n: current + 1, total: pages })}
              </div>
            </div>
            <div className="chiso-wall-status">
              <output
                className="chiso-wall-updated"
                aria-live="polite"
                data-updated-at={latest.dataUpdatedAt}
              >
                {t('wall.updatedAt', { time: clock(latest.dataUpdatedAt || Date.now()) })}
              </output>
              <span className="chiso-wall-sub">{t('wall.refreshEvery', { seconds: refreshS })}</span>
              <Button
                icon={paused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
                onClick={() => setPaused(!paused)}
              >
                {paused ? t('wall.resume') : t('wall.pause')}
              </Button>
            </div>
          </header>
          {isMap ? (
            <div className="chiso-wall-map" style={{ height: bodyH }}>
              <section>
                {unit.data && (
                  <UnitMap
                    unit={unit.data}
                    indicator={indicator}
                    rows={childRows}
                    onDrill={() => undefined}
                    height={bodyH - 40}
                    labelSize={22}
                  />
                )}
              </section>
              <section className="chiso-wall-lag">
                <LagLead
                  indicator={indicator}
                  rows={childRows}
                  loading={children.isPending}
                  onDrill={() => undefined}
                />
              </section>
            </div>
          ) : (
            <div
              className="chiso-wall-pillars"
              style={{ height: bodyH, gridTemplateColumns: `repeat(${pillars.length}, 1fr)` }}
            >
              {pillars.map((p) => {
                const list = byPillar.get(p) ?? [];
                const shown = list.slice(current * perPage, (current + 1) * perPage);
                return (
                  <section key={p} className="chiso-wall-pillar" style={{ borderTopColor: PILLAR_COLORS[p] }}>
                    <h2 className="chiso-wall-pillar-title" style={{ height: COLUMN_HEAD_H }}>
                      {names.pillar(p)} <span className="chiso-wall-count">({list.length})</span>
                    </h2>
                    {shown.map((it) => {
                      const change =
                        it.valueType === 'boolean'
                          ? null
                          : changeOf(
                              it.value,
                              it.previousValue,
                              it.unit,
                              it.polarity,
                              lang,
                              t('overview.points'),
                            );
                      return (
                        <div key={it.indicator} className="chiso-wall-row" style={{ height: ROW_H }}>
                          <div className="chiso-wall-name" title={localName(it)}>
                            {localName(it)}
                          </div>
                          <div className="chiso-wall-value">
                            <span className="chiso-num">
                              {formatValue(
                                it.value,
                                { unit: it.unit, valueType: it.valueType, decimals: it.decimals },
                                lang,
                                yesNo,
                              )}
                            </span>
                            <span className="chiso-wall-period">
                              {it.period ? periodLabel(it.period, lang) : t('wall.noData')}
                            </span>
                            {change && (
                              <span
                                className={`chiso-wall-change chiso-${change.tone === 'good' ? 'good' : change.tone === 'bad' ? 'bad' : 'muted'}`}
                              >
                                {change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '='}{' '}
                                {change.text}
                              </span>
                            )}
                          </div>
                        </div>
                      );
                    })}
                  </section>
                );
              })}
            </div>
          )}
        </main>
      </ChartDarkContext.Provider>
    </ConfigProvider>
  );
}

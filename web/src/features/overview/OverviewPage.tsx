import {
  CompressOutlined,
  DesktopOutlined,
  ExpandOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, ConfigProvider, Row, Select, Space, Tooltip, theme } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChartDarkContext } from '../../components/charts/Chart';
import { ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { PeriodPicker } from '../../components/PeriodPicker';
import { UnitPicker } from '../../components/UnitPicker';
import { useAsOf } from '../../lib/asOf';
import { formatDateTime } from '../../lib/format';
import { useLang, useLocalName, useMe } from '../../lib/hooks';
import { periodEndDate, periodLabel, todayIso } from '../../lib/period';
import { useSearchPatch } from '../../lib/searchParams';
import { WarningsCard } from '../plans/WarningsCard';
import { Distribution, LagLead, RecentData } from './Panels';
import { Tiles } from './Tiles';
import { UnitMap } from './UnitMap';
import { useOverviewData } from './useOverviewData';
import './wallMessages';

const VIEWS = ['tiles', 'map', 'analysis'] as const;

/** Lower case without Vietnamese diacritics (đ → d), for matching what users type. */
const fold = (x: string) =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
type View = (typeof VIEWS)[number];
const ROTATE_MS = 20_000;

export default function OverviewPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const me = useMe();
  const [params, update] = useSearchPatch({ replace: false });
  const unitCode = params.get('unit') || me.data?.home || '';
  const period = params.get('period') || undefined;
  // Units are read on the picker's date; the latest data stop at the period's end, or at that date when
  // one was chosen in the past (an old unit's last data).
  const [unitAsOf] = useAsOf();
  const asOf = periodEndDate(period) ?? (unitAsOf < todayIso() ? unitAsOf : undefined);

  const [large, setLarge] = useState(false);
  const [viewIndex, setViewIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const { unit, latest, items, indicatorCode, indicator, children, childRows } = useOverviewData({
    unitCode,
    unitAsOf,
    asOf,
    indicator: params.get('indicator'),
  });
  // Rank like with like: administrative units among themselves when they have data, else everyone.
  const territorial = new Set(
    (unit.data?.children ?? [])
      .filter((c) => ['province', 'district', 'commune', 'hamlet'].includes(c.kind))
      .map((c) => c.code),
  );
  const territorialRows = childRows.filter((r) => territorial.has(r.orgUnit) && r.value !== null);
  const rankRows = territorialRows.length >= 2 ? territorialRows : childRows;

  const drill = useCallback((code: string) => update({ unit: code }), [update]);

  // Large-screen mode: fullscreen, bigger type, views rotating every 20 s.
  useEffect(() => {
    if (!large || paused) return;
    const h = setInterval(() => setViewIndex((i) => (i + 1) % VIEWS.length), ROTATE_MS);
    return () => clearInterval(h);
  }, [large, paused]);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setLarge(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  useEffect(() => {
    if (!large) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setLarge(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [large]);
  async function toggleLarge() {
    if (!large) {
      setLarge(true);
      setViewIndex(0);
      setPaused(false);
      try {
        await document.documentElement.requestFullscreen?.();
      } catch {
        // Fullscreen refused (iframe, browser policy): the overlay still covers the window.
      }
    } else {
      setLarge(false);
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    }
  }

  const ancestors = useMemo(
    () => [...(unit.data?.ancestors ?? [])].sort((a, b) => a.level - b.level),
    [unit.data?.ancestors],
  );

  if (me.isPending) return <PageSkeleton />;
  if (!unitCode)
    return (
      <div>
        <PageTitle title={t('overview.title')} />
        <Space orientation="vertical">
          <ErrorState title={t('overview.noHomeTitle')} error={t('overview.noHome')} />
          <UnitPicker withDate value={undefined} onChange={(v) => v && update({ unit: v })} />
        </Space>
      </div>
    );
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;

  const indicatorOptions = items
    .filter((x) => x.value !== null && x.valueType !== 'boolean')
    .map((x) => ({ value: x.indicator, label: localName(x) }));

  const breadcrumb = (
    <Breadcrumb
      items={[
        ...ancestors.map((a) => ({
          key: a.code,
          title: (
            <a
              href={`?unit=${a.code}`}
              onClick={(e) => {
                e.preventDefault();
                drill(a.code);
              }}
            >
              {a.name}
            </a>
          ),
        })),
        { key: unitCode, title: <span aria-current="page">{unit.data?.name ?? unitCode}</span> },
      ]}
    />
  );

  const controls = (
    <>
      <UnitPicker
        withDate
        value={unitCode}
        onChange={(v) => v && update({ unit: v })}
        aria-label={t('common.unit')}
      />
      <PeriodPicker value={period} onChange={(v) => update({ period: v })} allowLatest />
      <Tooltip title={large ? t('overview.exitLarge') : t('overview.large')}>
        <Button
          icon={large ? <CompressOutlined /> : <ExpandOutlined />}
          onClick={() => void toggleLarge()}
          aria-pressed={large}
          aria-label={large ? t('overview.exitLarge') : t('overview.large')}
        >
          {large ? null : t('overview.largeShort')}
        </Button>
      </Tooltip>
    </>
  );

  const indicatorSelect = (
    <Select
      aria-label={t('overview.mapIndicator')}
      style={{ width: '100%' }}
      value={indicatorCode}
      options={indicatorOptions}
      onChange={(v: string) => update({ indicator: v })}
      showSearch={{
        // Search ignores diacritics: "ho so" finds "hồ sơ".
        filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)),
      }}
      loading={latest.isFetching}
      popupMatchSelectWidth={false}
      placeholder={t('overview.chooseIndicator')}
    />
  );

  const indicatorCaption = indicator
    ? `${localName(indicator)} · ${periodLabel(indicator.period, lang)}`
    : t('overview.chooseIndicator');

  const tilesView = latest.isPending ? (
    <PageSkeleton />
  ) : latest.isError ? (
    <ErrorState error={latest.error} onRetry={() => latest.refetch()} />
  ) : (
    <Tiles
      items={items}
      unit={unitCode}
      selected={indicatorCode}
      onSelect={(c) => update({ indicator: c })}
      large={large}
    />
  );

  const mapCard = (
    <Card
      title={t('overview.map')}
      extra={large ? <span className="chiso-muted">{indicatorCaption}</span> : null}
      style={{ height: '100%' }}
    >
      {!large && (
        <>
          {indicatorSelect}
          <div className="chiso-muted" style={{ margin: '6px 0 8px', fontSize: 12 }}>
            {indicator ? `${periodLabel(indicator.period, lang)} · ` : ''}
            {t('overview.clickToDrill')}
          </div>
        </>
      )}
      {unit.data ? (
        <UnitMap
          asOf={unitAsOf}
          unit={unit.data}
          indicator={indicator}
          rows={childRows}
          onDrill={drill}
          height={large ? Math.max(420, window.innerHeight - 260) : 420}
        />
      ) : (
        <PageSkeleton />
      )}
    </Card>
  );
  const lagLeadCard = (
    <Card title={t('overview.lagLead')} style={{ height: '100%' }}>
      {children.isError ? (
        <ErrorState error={children.error} onRetry={() => children.refetch()} />
      ) : (
        <LagLead
          indicator={indicator}
          rows={rankRows}
          loading={children.isPending && !!indicator?.period}
          onDrill={drill}
        />
      )}
    </Card>
  );
  const distributionCard = (
    <Card title={t('overview.distribution')} style={{ height: '100%' }}>
      {latest.isPending ? (
        <PageSkeleton />
      ) : (
        <Distribution items={items} unit={unitCode} period={period} height={large ? 420 : 300} />
      )}
    </Card>
  );
  const recentCard = (
    <Card title={t('overview.recent')} style={{ height: '100%' }}>
      {latest.isPending ? <PageSkeleton /> : <RecentData items={items} unit={unitCode} />}
    </Card>
  );

  const title = (
    <span>
      {t('overview.title')}: {unit.data?.name ?? unitCode}
    </span>
  );
  const sub = (
    <Space orientation="vertical" size={2}>
      {breadcrumb}
      <span className="chiso-muted" style={{ fontSize: 12 }}>
        {period ? t('overview.asOf', { period: periodLabel(period, lang) }) : t('overview.latestData')}
        {latest.dataUpdatedAt
          ? ` · ${t('overview.updatedAt', { time: formatDateTime(new Date(latest.dataUpdatedAt)) })}`
          : ''}
      </span>
    </Space>
  );

  if (large) {
    const view: View = VIEWS[viewIndex];
    return (
      <ConfigProvider
        theme={{
          algorithm: theme.darkAlgorithm,
          token: { fontSize: 18, colorBgContainer: '#14313f', colorPrimary: '#5fb3cf', colorLink: '#7cc4d8' },
        }}
      >
        <ChartDarkContext.Provider value={true}>
          <section
            className="chiso-large"
            style={{ position: 'fixed', inset: 0, zIndex: 1000, overflow: 'auto' }}
            aria-label={t('overview.large')}
          >
            <PageTitle
              title={title}
              sub={sub}
              extra={
                <>
                  <span className="chiso-rotate-label" aria-live="polite">
                    {t(`overview.view.${view}`)} ({viewIndex + 1}/{VIEWS.length})
                  </span>
                  <Button
                    icon={paused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
                    onClick={() => setPaused(!paused)}
                    aria-label={paused ? t('overview.resume') : t('overview.pause')}
                  >
                    {paused ? t('overview.resume') : t('overview.pause')}
                  </Button>
                  <Button onClick={() => setViewIndex((viewIndex + 1) % VIEWS.length)}>
                    {t('overview.nextView')}
                  </Button>
                  {controls}
                </>
              }
            />
            {view === 'tiles' && tilesView}
            {view === 'map' && <TwoColumns left={mapCard} right={lagLeadCard} split={15} />}
            {view === 'analysis' && <TwoColumns left={distributionCard} right={recentCard} />}
          </section>
        </ChartDarkContext.Provider>
      </ConfigProvider>
    );
  }

  return (
    <div ref={rootRef}>
      <PageTitle
        title={title}
        sub={sub}
        extra={
          <>
            {controls}
            <Link to={`/ioc/wall?unit=${encodeURIComponent(unitCode)}`}>
              <Button icon={<DesktopOutlined />}>{t('wall.open')}</Button>
            </Link>
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('common.refresh')}
                onClick={() => {
                  void latest.refetch();
                  void children.refetch();
                }}
              />
            </Tooltip>
          </>
        }
      />
      <TwoColumns left={mapCard} right={lagLeadCard} split={14} style={{ marginBottom: 16 }} />
      <section aria-label={t('overview.tiles')}>{tilesView}</section>
      <div style={{ margin: '16px 0' }}>
        <WarningsCard asOf={asOf} />
      </div>
      <TwoColumns left={distributionCard} right={recentCard} />
      <div className="chiso-muted" style={{ marginTop: 16, fontSize: 12 }}>
        <Link to="/indicators">{t('overview.allIndicators')}</Link>
      </div>
    </div>
  );
}

/** Two cards side by side on wide screens (`split` of 24 columns to the left one), stacked on narrow ones. */
function TwoColumns({
  left,
  right,
  split = 12,
  style,
}: {
  left: React.ReactNode;
  right: React.ReactNode;
  split?: number;
  style?: React.CSSProperties;
}) {
  return (
    <Row gutter={[16, 16]} style={style}>
      <Col xs={24} xl={split}>
        {left}
      </Col>
      <Col xs={24} xl={24 - split}>
        {right}
      </Col>
    </Row>
  );
}

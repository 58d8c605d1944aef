import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceSwitch } from '../../components/ChoiceSwitch';
import { Chart } from '../../components/charts/Chart';
import { echarts } from '../../components/charts/echarts';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { api } from '../../lib/api';
import { formatDate, formatValue } from '../../lib/format';
import { useLang, useOrgUnits } from '../../lib/hooks';
import { todayIso } from '../../lib/period';
import { tooltipHtml } from '../../lib/safe';
import type { AnalyticsRow, GeoFeatureCollection, LatestItem, OrgUnitDetail } from '../../lib/types';
import { colorOf, colorsFor, textOn } from './scale';

const registered = new Set<string>();

/** Registers a GeoJSON with ECharts once under `name` (names carry the data's timestamp). */
function registerOnce(name: string, geo: GeoFeatureCollection) {
  if (registered.has(name)) return;
  echarts.registerMap(name, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered.add(name);
}

interface Props {
  unit: OrgUnitDetail;
  indicator: LatestItem | undefined;
  rows: AnalyticsRow[];
  onDrill: (code: string) => void;
  height?: number;
  /** The date whose units and boundaries are drawn (YYYY-MM-DD). */
  asOf?: string;
  /** Font size of the units' names on the map (px); the wall screen asks for ≥ 20. */
  labelSize?: number;
}

type Scope = 'children' | 'national';

/** Territorial children only: the map shows districts/communes, not departments. */
const TERRITORIAL = new Set(['province', 'district', 'commune', 'hamlet']);

/**
 * Choropleth of the unit's children coloured by the chosen indicator. Uses the children's
 * GeoJSON (matched by code) when the API has it; otherwise a tile grid of the children. At a
 * province, when the provinces have boundaries (an imported provinces GeoJSON), the map can also
 * show the whole country on the as-of date, the province outlined; it does so by default when the
 * province's own children have no boundaries.
 */
export function UnitMap({ unit, indicator, rows, onDrill, height = 420, asOf, labelSize }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [scope, setScope] = useState<Scope | null>(null);
  // the children of the version shown (today's, or a closed unit's last: the server's default)
  const childrenOn = asOf && asOf !== todayIso() ? asOf : undefined;
  const geo = useQuery({
    queryKey: ['geojson', unit.code, childrenOn ?? null],
    queryFn: () =>
      api<GeoFeatureCollection>(`/org-units/${encodeURIComponent(unit.code)}/geojson`, {
        query: { asOf: childrenOn },
      }),
    staleTime: 30 * 60_000,
  });
  const national = useQuery({
    queryKey: ['geojson-level', 1, asOf ?? null],
    queryFn: () => api<GeoFeatureCollection>('/org-units/geojson', { query: { level: 1, asOf } }),
    staleTime: 30 * 60_000,
    enabled: unit.level === 1,
  });

  const children = unit.children.filter((c) => TERRITORIAL.has(c.kind));
  const childFeatures = geo.data?.features ?? [];
  const nationalFeatures = national.data?.features ?? [];
  const canNational = unit.level === 1 && nationalFeatures.length > 0;
  const shown: Scope =
    canNational && (scope === 'national' || (scope === null && childFeatures.length === 0))
      ? 'national'
      : 'children';
  const shape = indicator
    ? { unit: indicator.unit, valueType: indicator.valueType, decimals: indicator.decimals }
    : {};
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const fmt = (v: number | null | undefined) => formatValue(v, shape, lang, yesNo);

  const switcher = canNational ? (
    <ChoiceSwitch<Scope>
      label={t('time.mapScope')}
      value={shown}
      onChange={setScope}
      choices={[
        ['children', t('time.mapChildren')],
        ['national', t('time.mapNational')],
      ]}
      style={{ marginBottom: 8 }}
    />
  ) : null;

  if (shown === 'national') {
    return (
      <div>
        {switcher}
        <NationalMap
          unit={unit}
          indicator={indicator}
          geo={national.data!}
          mapName={`chiso-level1-${asOf ?? ''}-${national.dataUpdatedAt}`}
          onDrill={onDrill}
          fmt={fmt}
          height={height - 40}
          asOf={asOf}
        />
      </div>
    );
  }
  if (children.length === 0) return <EmptyState description={t('overview.noChildren')} />;
  if (geo.isPending) return <BlockSkeleton rows={8} height={height} />;
  if (geo.isError) return <ErrorState error={geo.error} onRetry={() => geo.refetch()} />;

  const byCode = new Map(rows.map((r) => [r.orgUnit, r]));
  if (childFeatures.length === 0) {
    const { min, max, values } = scaleOf(
      children.map((c) => byCode.get(c.code)?.value),
      indicator,
    );
    return (
      <div>
        {switcher}
        <ul
          className="chiso-tilemap"
          style={labelSize ? ({ '--chiso-tile-label': `${labelSize}px` } as CSSProperties) : undefined}
          aria-label={t('overview.tileMap')}
        >
          {children.map((c) => {
            const v = byCode.get(c.code)?.value;
            const bg = typeof v === 'number' ? colorOf(v, min, max, indicator?.polarity) : '#e8edf1';
            return (
              <li key={c.code}>
                <button
                  type="button"
                  style={{ background: bg, color: textOn(bg), width: '100%' }}
                  onClick={() => onDrill(c.code)}
                  title={t('overview.drillInto', { name: c.name })}
                >
                  <div className="name">{c.name}</div>
                  <div className="value chiso-num">{fmt(v)}</div>
                </button>
              </li>
            );
          })}
        </ul>
        <Legend min={min} max={max} polarity={indicator?.polarity} fmt={fmt} show={values.length > 0} />
        <div className="chiso-muted" style={{ fontSize: 12, marginTop: 4 }}>
          {t('overview.noGeometry')}
        </div>
      </div>
    );
  }

  const names = new Map(children.map((c) => [c.code, c.name]));
  for (const f of childFeatures)
    if (f.properties.code && f.properties.name) names.set(f.properties.code, f.properties.name);
  return (
    <div>
      {switcher}
      <Choropleth
        geo={geo.data!}
        mapName={`chiso-${unit.code}-${asOf ?? ''}-${geo.dataUpdatedAt}`}
        items={children.map((c) => ({
          code: c.code,
          name: names.get(c.code) ?? c.name,
          row: byCode.get(c.code),
        }))}
        indicator={indicator}
        fmt={fmt}
        onDrill={onDrill}
        height={height - 24}
        labelSize={labelSize}
        ariaLabel={t('overview.mapAria', { unit: unit.name, indicator: indicator?.name ?? '' })}
      />
    </div>
  );
}

/** The provinces valid on the as-of date, coloured by the indicator where the user may read them. */
function NationalMap({
  unit,
  indicator,
  geo,
  mapName,
  onDrill,
  fmt,
  height,
  asOf,
}: {
  unit: OrgUnitDetail;
  indicator: LatestItem | undefined;
  geo: GeoFeatureCollection;
  mapName: string;
  onDrill: (code: string) => void;
  fmt: (v: number | null | undefined) => string;
  height: number;
  asOf?: string;
}) {
  const { t } = useTranslation();
  // The provinces this user may read get values and drill down; the others are drawn as context.
  const readable = useOrgUnits({ level: 1, limit: 200, asOf });
  const codes = (readable.data?.items ?? []).map((u) => u.code);
  const values = useQuery({
    queryKey: ['analytics-national', indicator?.indicator, indicator?.period, codes.join(','), asOf ?? null],
    queryFn: () =>
      api<{ rows: AnalyticsRow[] }>('/analytics', {
        query: { indicator: indicator!.indicator, orgUnit: codes.join(','), period: indicator!.period! },
      }),
    enabled: !!indicator?.period && codes.length > 0,
    placeholderData: keepPreviousData,
  });
  const byCode = new Map((values.data?.rows ?? []).map((r) => [r.orgUnit, r]));
  const canRead = new Set(codes);
  return (
    <Choropleth
      geo={geo}
      mapName={mapName}
      items={geo.features.map((f) => ({
        code: String(f.properties.code ?? ''),
        name: String(f.properties.name ?? f.properties.code ?? ''),
        row: byCode.get(String(f.properties.code ?? '')),
      }))}
      indicator={indicator}
      fmt={fmt}
      onDrill={(code) => canRead.has(code) && code !== unit.code && onDrill(code)}
      height={height}
      highlight={unit.code}
      ariaLabel={t('time.nationalAria', { date: formatDate(asOf ?? todayIso()) })}
    />
  );
}

/** Colour range of the values; percentages span at least 10 points so 98,9% vs 99,1% is not red vs green. */
function scaleOf(raw: Array<number | null | undefined>, indicator: LatestItem | undefined) {
  const values = raw.filter((v): v is number => typeof v === 'number');
  const max = values.length ? Math.max(...values) : 1;
  const rawMin = values.length ? Math.min(...values) : 0;
  const min = indicator?.unit === '%' && max - rawMin < 10 ? Math.max(0, max - 10) : rawMin;
  return { min, max, values };
}

/** Latitude range of the GeoJSON's coordinates (nested arrays of [lon, lat]). */
function latitudes(x: unknown, acc = { min: 90, max: -90 }): { min: number; max: number } {
  if (!Array.isArray(x)) return acc;
  if (typeof x[0] === 'number' && typeof x[1] === 'number') {
    acc.min = Math.min(acc.min, x[1]);
    acc.max = Math.max(acc.max, x[1]);
    return acc;
  }
  for (const y of x) latitudes(y, acc);
  return acc;
}

/** East–west scale of an equirectangular drawing: cos(mid-latitude), so shapes keep their proportions
 * (ECharts' default 0.75 suits Europe, and squeezes Vietnam). */
function aspectOf(geo: GeoFeatureCollection): number {
  const box = { min: 90, max: -90 };
  for (const f of geo.features) latitudes((f.geometry as { coordinates?: unknown } | null)?.coordinates, box);
  if (box.min > box.max) return 0.75;
  return Math.cos((((box.min + box.max) / 2) * Math.PI) / 180);
}

/** A drawn map of `items` (matched to the GeoJSON by code), coloured by their rows' values. */
function Choropleth({
  geo,
  mapName,
  items,
  indicator,
  fmt,
  onDrill,
  height,
  ariaLabel,
  highlight,
  labelSize = 10,
}: {
  geo: GeoFeatureCollection;
  mapName: string;
  items: Array<{ code: string; name: string; row: AnalyticsRow | undefined }>;
  indicator: LatestItem | undefined;
  fmt: (v: number | null | undefined) => string;
  onDrill: (code: string) => void;
  height: number;
  ariaLabel: string;
  /** A unit drawn with a strong outline (the province the user looks at). */
  highlight?: string;
  labelSize?: number;
}) {
  const { t } = useTranslation();
  registerOnce(mapName, geo);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const { min, max, values } = scaleOf(
    items.map((i) => i.row?.value),
    indicator,
  );
  const option: EChartsOption = {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name, value } = p as { name: string; value: number };
        const row = byCode.get(name)?.row;
        const extra =
          row && row.expected > 1
            ? t('overview.reportedOf', { reported: row.reported, expected: row.expected })
            : null;
        // an HTML string: names and units are escaped, never markup
        return tooltipHtml(byCode.get(name)?.name ?? name, [
          fmt(Number.isFinite(value) ? value : null),
          extra,
        ]);
      },
    },
    visualMap: values.length
      ? {
          type: 'continuous',
          min,
          max: max > min ? max : min + 1,
          show: false,
          inRange: { color: colorsFor(indicator?.polarity) },
        }
      : undefined,
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        // fill the box: a tall country (or province) is not shrunk to a sliver
        layoutCenter: ['50%', '50%'],
        layoutSize: '96%',
        aspectScale: aspectOf(geo),
        roam: true,
        selectedMode: false,
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#9fd8e6' } },
        itemStyle: { areaColor: '#e8edf1', borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: items.length <= 30,
          fontSize: labelSize,
          color: '#17232d',
          formatter: (p: unknown) => byCode.get((p as { name: string }).name)?.name ?? '',
        },
        data: items.map((i) => ({
          name: i.code,
          value: i.row?.value ?? Number.NaN,
          ...(i.code === highlight ? { itemStyle: { borderColor: '#17232d', borderWidth: 2 } } : {}),
        })),
      },
    ],
  };
  return (
    <div>
      <Chart
        option={option}
        height={height}
        ariaLabel={ariaLabel}
        onEvents={{
          click: (p: unknown) => {
            const code = (p as { name?: string }).name;
            if (code && byCode.has(code)) onDrill(code);
          },
        }}
      />
      <Legend min={min} max={max} polarity={indicator?.polarity} fmt={fmt} show={values.length > 0} />
    </div>
  );
}

function Legend({
  min,
  max,
  polarity,
  fmt,
  show,
}: {
  min: number;
  max: number;
  polarity?: string;
  fmt: (v: number) => string;
  show: boolean;
}) {
  const { t } = useTranslation();
  if (!show) return null;
  const colors = colorsFor(polarity);
  return (
    <div className="chiso-legend" title={t('overview.legend')}>
      <span className="chiso-num">{fmt(min)}</span>
      <span className="bar" style={{ background: `linear-gradient(90deg, ${colors.join(',')})` }} />
      <span className="chiso-num">{fmt(max)}</span>
      <span>· {polarity === 'lower' ? t('overview.lowerBetter') : t('overview.higherBetter')}</span>
    </div>
  );
}

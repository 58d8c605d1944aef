import { useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { echarts } from '../../components/charts/echarts';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { api } from '../../lib/api';
import { formatValue } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { tooltipHtml } from '../../lib/safe';
import type { AnalyticsRow, GeoFeatureCollection, LatestItem, OrgUnitDetail } from '../../lib/types';
import { colorOf, colorsFor, textOn } from './scale';

const registered = new Set<string>();

interface Props {
  unit: OrgUnitDetail;
  indicator: LatestItem | undefined;
  rows: AnalyticsRow[];
  onDrill: (code: string) => void;
  height?: number;
}

/** Territorial children only: the map shows districts/communes, not departments. */
const TERRITORIAL = new Set(['province', 'district', 'commune', 'hamlet']);

/**
 * Choropleth of the unit's children coloured by the chosen indicator. Uses the children's
 * GeoJSON (matched by code) when the API has it; otherwise a tile grid of the children.
 */
export function UnitMap({ unit, indicator, rows, onDrill, height = 420 }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const geo = useQuery({
    queryKey: ['geojson', unit.code],
    queryFn: () => api<GeoFeatureCollection>(`/org-units/${encodeURIComponent(unit.code)}/geojson`),
    staleTime: 30 * 60_000,
  });

  const children = unit.children.filter((c) => TERRITORIAL.has(c.kind));
  const byCode = new Map(rows.map((r) => [r.orgUnit, r]));
  const values = children
    .map((c) => byCode.get(c.code)?.value)
    .filter((v): v is number => typeof v === 'number');
  const max = values.length ? Math.max(...values) : 1;
  // Percentages: colour at least a 10-point span so 98,9% vs 99,1% does not look like red vs green.
  const rawMin = values.length ? Math.min(...values) : 0;
  const min = indicator?.unit === '%' && max - rawMin < 10 ? Math.max(0, max - 10) : rawMin;
  const shape = indicator
    ? { unit: indicator.unit, valueType: indicator.valueType, decimals: indicator.decimals }
    : {};
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const fmt = (v: number | null | undefined) => formatValue(v, shape, lang, yesNo);

  if (children.length === 0) return <EmptyState description={t('overview.noChildren')} />;
  if (geo.isPending) return <BlockSkeleton rows={8} height={height} />;
  if (geo.isError) return <ErrorState error={geo.error} onRetry={() => geo.refetch()} />;

  const features = geo.data?.features ?? [];
  if (features.length === 0) {
    return (
      <div>
        <ul className="chiso-tilemap" aria-label={t('overview.tileMap')}>
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

  const mapName = `chiso-${unit.code}-${geo.dataUpdatedAt}`;
  if (!registered.has(mapName)) {
    echarts.registerMap(mapName, geo.data as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.add(mapName);
  }
  const names = new Map(children.map((c) => [c.code, c.name]));
  for (const f of features)
    if (f.properties.code && f.properties.name) names.set(f.properties.code, f.properties.name);

  const option: EChartsOption = {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name, value } = p as { name: string; value: number };
        const row = byCode.get(name);
        const extra =
          row && row.expected > 1
            ? t('overview.reportedOf', { reported: row.reported, expected: row.expected })
            : null;
        // an HTML string: names and units are escaped, never markup
        return tooltipHtml(names.get(name) ?? name, [fmt(Number.isFinite(value) ? value : null), extra]);
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
        roam: true,
        selectedMode: false,
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#9fd8e6' } },
        itemStyle: { areaColor: '#e8edf1', borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: children.length <= 30,
          fontSize: 10,
          color: '#17232d',
          formatter: (p: unknown) => names.get((p as { name: string }).name) ?? '',
        },
        data: children.map((c) => ({ name: c.code, value: byCode.get(c.code)?.value ?? Number.NaN })),
      },
    ],
  };

  return (
    <div>
      <Chart
        option={option}
        height={height - 24}
        ariaLabel={t('overview.mapAria', { unit: unit.name, indicator: indicator?.name ?? '' })}
        onEvents={{
          click: (p: unknown) => {
            const code = (p as { name?: string }).name;
            if (code && names.has(code)) onDrill(code);
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

import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { createContext, useContext } from 'react';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { echarts } from './echarts';

export const CHART_FONT = "'Be Vietnam Pro', system-ui, sans-serif";
export const PALETTE = [
  '#1f5f7a',
  '#2f9e8f',
  '#e0a030',
  '#6b7fd7',
  '#c2423a',
  '#7a8a99',
  '#9c5fb5',
  '#4aa3df',
];
const DARK_PALETTE = ['#5fb3cf', '#4cc2b0', '#f0b548', '#8e9ef0', '#e2675e', '#a9b6c2', '#c08ad6', '#7cc4ef'];

/** Charts inside the large-screen (dark) mode draw with ECharts' dark theme. */
export const ChartDarkContext = createContext(false);

interface Props {
  option: EChartsOption;
  height?: number | string;
  onEvents?: Record<string, (params: unknown) => void>;
  ariaLabel: string;
}

/** An ECharts chart with chiso's font and palette; the container carries an accessible name. */
export function Chart({ option, height = 320, onEvents, ariaLabel }: Props) {
  const dark = useContext(ChartDarkContext);
  const lang = useLang();
  // a tooltip that formats nothing itself shows numbers the locale's way ("79,62", not "79.618384")
  const tip = option.tooltip;
  const tooltip =
    tip && !Array.isArray(tip) && !tip.formatter && !tip.valueFormatter
      ? {
          ...tip,
          valueFormatter: (v: unknown) =>
            typeof v === 'number'
              ? formatNumber(v, lang, 2)
              : v === null || v === undefined
                ? '—'
                : String(v),
        }
      : tip;
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        key={dark ? 'dark' : 'light'}
        echarts={echarts}
        theme={dark ? 'dark' : undefined}
        option={{
          color: dark ? DARK_PALETTE : PALETTE,
          backgroundColor: 'transparent',
          textStyle: { fontFamily: CHART_FONT },
          ...option,
          tooltip,
        }}
        style={{ height, width: '100%' }}
        notMerge
        lazyUpdate
        onEvents={onEvents}
        opts={{ renderer: 'canvas' }}
      />
    </div>
  );
}

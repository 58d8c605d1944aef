/**
 * The entry grid: one row per indicator with the previous period and the same period last year beside
 * the cell, ratios as numerator and denominator, a comment and the change history per value.
 */
import { CommentOutlined, HistoryOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Grid,
  Input,
  InputNumber,
  Popover,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { unitLabel } from '../../lib/units';
import type { ValueRef } from '../audit/ValueHistoryDrawer';
import { type Draft, type Issue, numberFormat } from './entryModel';
import { onGridKeyDown } from './gridKeys';
import './messages';
import type { Cell, Entry, EntryItem } from './types';

export function EntryGrid({
  entry: e,
  editable,
  effective,
  edit,
  statusOf,
  onHistory: setHistory,
}: {
  entry: Entry;
  editable: boolean;
  effective: (i: EntryItem) => Draft;
  edit: (code: string, patch: Draft) => void;
  statusOf: (code: string, part: Issue['part']) => 'error' | 'warning' | undefined;
  onHistory: (ref: ValueRef) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const items = e.items;
  const show = (c: Cell | null, i: EntryItem) => {
    if (!c || c.value === null) return <span className="chiso-muted">—</span>;
    if (i.valueType === 'ratio')
      return (
        <span>
          {formatPercent(c.value, lang)}{' '}
          <span className="chiso-muted">
            ({formatNumber(c.numerator, lang)}/{formatNumber(c.denominator, lang)})
          </span>
        </span>
      );
    if (i.valueType === 'boolean') return c.value >= 0.5 ? t('rep.yes') : t('rep.no');
    return formatNumber(c.value, lang);
  };
  const numberInput = numberFormat(lang);
  // a phone: the previous period and last year go under the name, so "Kỳ này" stays on the screen
  const narrow = Grid.useBreakpoint().md === false;
  const compare = (i: EntryItem) => (
    <div className="chiso-muted" style={{ fontSize: 12 }}>
      {periodLabel(e.previousPeriod, lang)}: {show(i.previous, i)} · {periodLabel(e.lastYearPeriod, lang)}:{' '}
      {show(i.lastYear, i)}
    </div>
  );

  const current = (i: EntryItem) => {
    const v = effective(i);
    const name = lang === 'en' && i.nameEn ? i.nameEn : i.name;
    if (!editable)
      return (
        <span data-testid={`value-${i.indicator}`} style={{ fontWeight: 500 }}>
          {show(i.current, i)}
        </span>
      );
    if (i.valueType === 'ratio') {
      const pct =
        typeof v.numerator === 'number' && typeof v.denominator === 'number' && v.denominator > 0
          ? formatPercent((v.numerator / v.denominator) * 100, lang)
          : '—';
      return (
        <Space size={4} wrap={false}>
          <InputNumber
            id={`cell-${i.indicator}-num`}
            aria-label={`${t('rep.numerator')} – ${name}`}
            placeholder={t('rep.numerator')}
            value={v.numerator ?? null}
            min={0}
            {...numberInput}
            disabled={!editable}
            status={statusOf(i.indicator, 'numerator')}
            onChange={(x) => edit(i.indicator, { numerator: x === null ? null : Number(x) })}
            style={{ width: narrow ? 84 : 96 }}
          />
          <span>/</span>
          <InputNumber
            id={`cell-${i.indicator}-den`}
            aria-label={`${t('rep.denominator')} – ${name}`}
            placeholder={t('rep.denominator')}
            value={v.denominator ?? null}
            min={0}
            {...numberInput}
            disabled={!editable}
            status={statusOf(i.indicator, 'denominator')}
            onChange={(x) => edit(i.indicator, { denominator: x === null ? null : Number(x) })}
            style={{ width: narrow ? 84 : 96 }}
          />
          <span style={{ minWidth: 56, textAlign: 'right' }} data-testid={`pct-${i.indicator}`}>
            {pct}
          </span>
        </Space>
      );
    }
    if (i.valueType === 'boolean')
      return (
        <Select
          id={`cell-${i.indicator}`}
          aria-label={name}
          style={{ width: 120 }}
          allowClear
          disabled={!editable}
          status={statusOf(i.indicator, 'value')}
          value={v.value ?? undefined}
          onChange={(x: number | undefined) => edit(i.indicator, { value: x ?? null })}
          options={[
            { value: 1, label: t('rep.yes') },
            { value: 0, label: t('rep.no') },
          ]}
        />
      );
    return (
      <InputNumber
        id={`cell-${i.indicator}`}
        aria-label={name}
        value={v.value ?? null}
        {...numberInput}
        disabled={!editable}
        status={statusOf(i.indicator, 'value')}
        onChange={(x) => edit(i.indicator, { value: x === null ? null : Number(x) })}
        style={{ width: narrow ? '100%' : 160, maxWidth: 200 }}
      />
    );
  };
  const wide: TableColumnsType<EntryItem> = [
    {
      title: t('rep.previous', { period: periodLabel(e.previousPeriod, lang) }),
      key: 'prev',
      width: 150,
      align: 'right',
      render: (_, i: EntryItem) => show(i.previous, i),
    },
    {
      title: t('rep.lastYear', { period: periodLabel(e.lastYearPeriod, lang) }),
      key: 'ly',
      width: 150,
      align: 'right',
      render: (_, i: EntryItem) => show(i.lastYear, i),
    },
    {
      title: t('rep.current'),
      key: 'cur',
      width: 300,
      render: (_, i: EntryItem) => current(i),
    },
  ];

  return (
    // the arrow keys and Enter move between the cells (gridKeys.ts)
    <div onKeyDownCapture={onGridKeyDown}>
      <Table
        rowKey="indicator"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={narrow ? undefined : { x: 980 }}
        tableLayout={narrow ? 'fixed' : undefined}
        columns={[
          {
            title: t('rep.indicator'),
            key: 'ind',
            render: (_, i: EntryItem) => (
              <div>
                <div>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</div>
                <div className="chiso-muted" style={{ fontSize: 12 }}>
                  {i.indicator}
                  {i.unit ? ` · ${unitLabel(i.unit, lang)}` : ''}
                  {i.valueType === 'ratio' ? ` · ${t('valueType.ratio')}` : ''}
                </div>
                {narrow && compare(i)}
                {narrow && <div style={{ marginTop: 6 }}>{current(i)}</div>}
              </div>
            ),
          },
          ...(narrow ? [] : wide),
          {
            title: '',
            key: 'tools',
            width: narrow ? 44 : 96,
            render: (_, i: EntryItem) => {
              const v = effective(i);
              const name = lang === 'en' && i.nameEn ? i.nameEn : i.name;
              return (
                <Space size={0} orientation={narrow ? 'vertical' : 'horizontal'}>
                  <Popover
                    trigger="click"
                    title={t('rep.commentFor', { name })}
                    content={
                      <Input.TextArea
                        aria-label={`${t('rep.comment')} – ${name}`}
                        rows={3}
                        maxLength={2000}
                        style={{ width: 320 }}
                        disabled={!editable}
                        placeholder={t('rep.commentPlaceholder')}
                        value={v.comment ?? ''}
                        onChange={(ev) => edit(i.indicator, { comment: ev.target.value || null })}
                      />
                    }
                  >
                    <Tooltip title={v.comment || t('rep.comment')}>
                      <Badge dot={!!v.comment} offset={[-4, 4]}>
                        <Button
                          type="text"
                          aria-label={`${t('rep.comment')} – ${name}`}
                          icon={<CommentOutlined />}
                          data-testid={`comment-${i.indicator}`}
                        />
                      </Badge>
                    </Tooltip>
                  </Popover>
                  <Tooltip title={t('rep.history')}>
                    <Button
                      type="text"
                      aria-label={`${t('rep.history')} – ${name}`}
                      icon={<HistoryOutlined />}
                      data-testid={`history-${i.indicator}`}
                      onClick={() =>
                        setHistory({
                          indicator: i.indicator,
                          orgUnit: e.orgUnit,
                          period: e.period,
                          label: name,
                        })
                      }
                    />
                  </Tooltip>
                </Space>
              );
            },
          },
        ]}
      />
    </div>
  );
}

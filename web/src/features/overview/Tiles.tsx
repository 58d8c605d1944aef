import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/PageStates';
import { formatValue } from '../../lib/format';
import { useCatalogNames, useLang, useLocalName } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import type { LatestItem } from '../../lib/types';
import { changeOf } from './change';

const PILLAR_ORDER = ['foundation', 'government', 'economy', 'society'];
const PILLAR_COLORS: Record<string, string> = {
  foundation: '#6b7fd7',
  government: '#1f5f7a',
  economy: '#2f9e8f',
  society: '#e0a030',
};

export type Grouping = 'pillar' | 'field';

interface Props {
  items: LatestItem[];
  unit: string;
  selected?: string;
  onSelect: (code: string) => void;
  /** Large-screen mode: more tiles per group, no "show more". */
  large?: boolean;
}

export function Tiles({ items, unit, selected, onSelect, large }: Props) {
  const { t } = useTranslation();
  const names = useCatalogNames();
  const [grouping, setGrouping] = useState<Grouping>('pillar');
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});

  const groups = new Map<string, LatestItem[]>();
  for (const it of items) {
    const key = (grouping === 'pillar' ? it.pillar : it.field) || 'other';
    const list = groups.get(key) ?? [];
    list.push(it);
    groups.set(key, list);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (grouping === 'pillar') return PILLAR_ORDER.indexOf(a) - PILLAR_ORDER.indexOf(b);
    return names.field(a).localeCompare(names.field(b), 'vi');
  });

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Grouping>
          aria-label={t('overview.groupBy')}
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'pillar', label: t('overview.byPillar') },
            { value: 'field', label: t('overview.byField') },
          ]}
        />
        <span className="chiso-muted">{t('overview.tilesHint')}</span>
      </Space>
      {keys.length === 0 && <EmptyState description={t('overview.noIndicators')} />}
      {keys.map((key) => {
        const list = groups.get(key)!;
        const withData = list.filter((x) => x.value !== null);
        const improved = list.filter((x) => tone(x) === 'good').length;
        const worsened = list.filter((x) => tone(x) === 'bad').length;
        const limit = large ? 12 : grouping === 'pillar' ? 8 : 4;
        const shown = expanded[key] ? list : list.slice(0, limit);
        const title = grouping === 'pillar' ? names.pillar(key) : names.field(key);
        return (
          <Card
            key={`${grouping}-${key}`}
            size="small"
            style={{ marginBottom: 16, borderTop: `3px solid ${PILLAR_COLORS[key] ?? '#1f5f7a'}` }}
            title={
              <Space wrap size={8}>
                <span>{title}</span>
                <Tag>{t('overview.countIndicators', { count: list.length })}</Tag>
              </Space>
            }
            extra={
              <Space size={12} className="chiso-num" style={{ fontSize: 13 }}>
                <span>{t('overview.withData', { count: withData.length, total: list.length })}</span>
                <span className="chiso-good">
                  <ArrowUpOutlined /> {t('overview.improved', { count: improved })}
                </span>
                <span className="chiso-bad">
                  <ArrowDownOutlined /> {t('overview.worsened', { count: worsened })}
                </span>
              </Space>
            }
          >
            <Row gutter={[12, 12]}>
              {shown.map((it) => (
                <Col key={it.indicator} xs={24} sm={12} md={8} xl={6} xxl={large ? 4 : 6}>
                  <Tile item={it} unit={unit} selected={selected === it.indicator} onSelect={onSelect} />
                </Col>
              ))}
            </Row>
            {list.length > limit && (
              <Button
                type="link"
                style={{ paddingLeft: 0, marginTop: 8 }}
                onClick={() => setExpanded({ ...expanded, [key]: !expanded[key] })}
                aria-expanded={!!expanded[key]}
              >
                {expanded[key] ? t('common.showLess') : t('common.showAll', { count: list.length })}
              </Button>
            )}
          </Card>
        );
      })}
    </div>
  );

  function tone(it: LatestItem) {
    return changeOf(it.value, it.previousValue, it.unit, it.polarity, 'vi', '')?.tone;
  }
}

function Tile({
  item,
  unit,
  selected,
  onSelect,
}: {
  item: LatestItem;
  unit: string;
  selected: boolean;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const name = localName(item);
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const change =
    item.valueType === 'boolean'
      ? null
      : changeOf(item.value, item.previousValue, item.unit, item.polarity, lang, t('overview.points'));
  const Icon =
    change?.direction === 'up'
      ? ArrowUpOutlined
      : change?.direction === 'down'
        ? ArrowDownOutlined
        : MinusOutlined;
  const complete = item.expected > 0 ? item.reported / item.expected : null;
  return (
    <Card
      className="chiso-tile"
      size="small"
      hoverable
      style={selected ? { borderColor: '#1f5f7a', boxShadow: '0 0 0 2px rgba(31,95,122,0.25)' } : undefined}
    >
      <button
        type="button"
        onClick={() => onSelect(item.indicator)}
        aria-pressed={selected}
        title={t('overview.selectOnMap')}
        style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer' }}
      >
        <div className="chiso-tile-name" title={name}>
          {name}
        </div>
        <div className="chiso-tile-value">
          {formatValue(
            item.value,
            { unit: item.unit, valueType: item.valueType, decimals: item.decimals },
            lang,
            yesNo,
          )}
        </div>
      </button>
      <div className="chiso-tile-meta">
        <span>{item.period ? periodLabel(item.period, lang) : t('common.noData')}</span>
        {change && (
          <Tooltip
            title={t('overview.previous', {
              period: periodLabel(item.previousPeriod, lang),
              value: formatValue(
                item.previousValue,
                { unit: item.unit, valueType: item.valueType },
                lang,
                yesNo,
              ),
            })}
          >
            <span
              className={
                change.tone === 'good' ? 'chiso-good' : change.tone === 'bad' ? 'chiso-bad' : 'chiso-muted'
              }
            >
              <Icon aria-label={t(`overview.direction.${change.direction}`)} /> {change.text}
            </span>
          </Tooltip>
        )}
      </div>
      <div className="chiso-tile-meta">
        <span>
          {complete !== null && item.expected > 1
            ? t('overview.reportedShort', { reported: item.reported, expected: item.expected })
            : '\u00a0'}
        </span>
        <Link
          to={`/indicators/${encodeURIComponent(item.indicator)}?unit=${encodeURIComponent(unit)}${item.period ? `&period=${item.period}` : ''}`}
          aria-label={t('overview.openIndicator', { name })}
          title={t('overview.openIndicator', { name })}
          style={{ whiteSpace: 'nowrap' }}
        >
          {t('common.details')} <ArrowRightOutlined />
        </Link>
      </div>
    </Card>
  );
}

/**
 * "Nhập từ văn bản": paste a plan's text or upload its .docx / PDF, read it on the server
 * (POST /api/plans/extract, nothing written), then review: the document with each proposal
 * highlighted in its sentence, beside an editable list — value, comparator, deadline, scope
 * (the plan's unit, or every district / commune), indicator (matched, chosen, or created), lead
 * unit, responsible person, accept or drop. Accepting creates the targets through POST
 * /api/targets; accepted results become the baseline of the targets of their indicator.
 */
import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Empty,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { errorMessage } from '../../lib/api';
import { useLocalName, useMe, usePillars } from '../../lib/hooks';
import { useSaveIndicator } from '../admin/api';
import { useExtractPlanText, useSaveTarget } from './api';
import { IndicatorField, PeriodField } from './fields';
import './messages';
import { pieces, type ResultRow, resultRows, type TargetRow, targetBody, targetRows } from './planText';
import type { Plan } from './types';

type Source = { text: string } | { file: File };

/** A proposal's line: its number in the list, the row, a change to it. */
interface RowProps<R> {
  n: number;
  row: R;
  onChange: (p: Partial<R>) => void;
}

export function PlanTextDrawer({ open, plan, onClose }: { open: boolean; plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'paste' | 'upload'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [doc, setDoc] = useState<string | null>(null);
  const [targets, setTargets] = useState<TargetRow[]>([]);
  const [results, setResults] = useState<ResultRow[]>([]);
  const [creating, setCreating] = useState(false);
  const extract = useExtractPlanText();
  const saveTarget = useSaveTarget(null, plan.code);

  async function read(source: Source) {
    const x = await extract.mutateAsync(source);
    setDoc(x.text ?? '');
    setTargets(targetRows(x, plan.periodTo));
    setResults(resultRows(x));
  }

  const patchTarget = (key: number, p: Partial<TargetRow>) =>
    setTargets((rows) => rows.map((r) => (r.key === key ? { ...r, ...p, error: undefined } : r)));
  const patchResult = (key: number, p: Partial<ResultRow>) =>
    setResults((rows) => rows.map((r) => (r.key === key ? { ...r, ...p } : r)));

  const pending = targets.filter((r) => r.accept && !r.created);
  async function createAccepted() {
    setCreating(true);
    for (const row of pending) {
      if (!row.indicator || row.value === null || !row.deadline) {
        setTargets((rows) =>
          rows.map((r) => (r.key === row.key ? { ...r, error: t('plans.text.incomplete') } : r)),
        );
        continue;
      }
      try {
        await saveTarget.mutateAsync(targetBody(plan, row, results));
        setTargets((rows) => rows.map((r) => (r.key === row.key ? { ...r, created: true } : r)));
      } catch (err) {
        setTargets((rows) => rows.map((r) => (r.key === row.key ? { ...r, error: errorMessage(err) } : r)));
      }
    }
    setCreating(false);
  }

  function reset() {
    setDoc(null);
    setTargets([]);
    setResults([]);
    extract.reset();
  }

  const created = targets.filter((r) => r.created).length;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('plans.text.title')}
      width="96%"
      destroyOnHidden
      afterOpenChange={(o) => !o && reset()}
      extra={
        doc !== null && (
          <Space>
            {created > 0 && <Tag color="green">{t('plans.text.createdCount', { n: created })}</Tag>}
            <Button onClick={reset}>{t('plans.text.again')}</Button>
            <Button
              type="primary"
              loading={creating}
              disabled={pending.length === 0}
              onClick={() => void createAccepted()}
            >
              {t('plans.text.create', { n: pending.length })}
            </Button>
          </Space>
        )
      }
    >
      {extract.isError && (
        <Alert type="error" showIcon title={errorMessage(extract.error)} style={{ marginBottom: 12 }} />
      )}
      {doc === null ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as 'paste' | 'upload')}
            items={[
              {
                key: 'paste',
                label: t('plans.text.paste'),
                children: (
                  <Input.TextArea
                    aria-label={t('plans.text.pasteLabel')}
                    rows={14}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t('plans.text.pastePlaceholder')}
                  />
                ),
              },
              {
                key: 'upload',
                label: t('plans.text.upload'),
                children: (
                  <Upload.Dragger
                    accept=".docx,.pdf,.txt"
                    maxCount={1}
                    beforeUpload={(f) => {
                      setFile(f);
                      return false;
                    }}
                    onRemove={() => setFile(null)}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p>{t('plans.text.uploadHint')}</p>
                  </Upload.Dragger>
                ),
              },
            ]}
          />
          <Button
            type="primary"
            loading={extract.isPending}
            disabled={tab === 'paste' ? !text.trim() : !file}
            onClick={() =>
              void read(tab === 'paste' ? { text } : { file: file as File }).catch(() => undefined)
            }
          >
            {t('plans.text.read')}
          </Button>
        </Space>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('plans.text.document')}>
              <DocumentView text={doc} targets={targets} results={results} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {targets.length === 0 && <Empty description={t('plans.text.none')} />}
              {targets.map((row, i) => (
                <TargetCard key={row.key} n={i + 1} row={row} onChange={(p) => patchTarget(row.key, p)} />
              ))}
              {results.length > 0 && (
                <Card size="small" title={t('plans.text.results')}>
                  <Typography.Paragraph type="secondary">{t('plans.text.resultsHint')}</Typography.Paragraph>
                  {results.map((r, i) => (
                    <ResultLine key={r.key} n={i + 1} row={r} onChange={(p) => patchResult(r.key, p)} />
                  ))}
                </Card>
              )}
            </Space>
          </Col>
        </Row>
      )}
    </Drawer>
  );
}

function DocumentView({
  text,
  targets,
  results,
}: {
  text: string;
  targets: TargetRow[];
  results: ResultRow[];
}) {
  const rows = [
    ...targets.filter((r) => r.accept).map((r) => ({ id: `t${r.key}`, at: r.at })),
    ...results.map((r) => ({ id: `r${r.key}`, at: r.at })),
  ];
  return (
    <div
      data-testid="plan-text-document"
      style={{ whiteSpace: 'pre-wrap', maxHeight: '75vh', overflow: 'auto', lineHeight: 1.7 }}
    >
      {pieces(text, rows).map((p, i) =>
        p.quote ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reorder
            key={i}
            style={{ background: p.quote.startsWith('t') ? '#ffd666' : '#95de64', fontWeight: 600 }}
          >
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reorder
          <span key={i} style={p.sentence ? { background: '#fff7e6' } : undefined}>
            {p.text}
          </span>
        ),
      )}
    </div>
  );
}

function TargetCard({ n, row, onChange }: RowProps<TargetRow>) {
  const { t } = useTranslation();
  const label = (k: string) => `${t(k)} ${n}`;
  return (
    <Card
      size="small"
      data-testid={`proposal-${n}`}
      style={{ opacity: row.accept || row.created ? 1 : 0.55 }}
      title={
        <Space>
          <Checkbox
            aria-label={label('plans.text.accept')}
            checked={row.accept}
            disabled={row.created}
            onChange={(e) => onChange({ accept: e.target.checked })}
          />
          <Typography.Text ellipsis style={{ maxWidth: 520 }} title={row.sentence}>
            {row.subject || row.sentence}
          </Typography.Text>
        </Space>
      }
      extra={row.created ? <Tag color="green">{t('plans.text.created')}</Tag> : null}
    >
      {row.error && <Alert type="error" showIcon title={row.error} style={{ marginBottom: 8 }} />}
      <Space wrap align="start">
        <Select
          aria-label={label('plans.form.comparator')}
          value={row.comparator}
          style={{ width: 90 }}
          onChange={(v) => onChange({ comparator: v })}
          options={['>=', '<=', '='].map((c) => ({
            value: c,
            label: c.replace('>=', '≥').replace('<=', '≤'),
          }))}
        />
        <InputNumber
          aria-label={label('plans.form.targetValue')}
          value={row.value}
          onChange={(v) => onChange({ value: v })}
        />
        <div style={{ width: 170 }}>
          <PeriodField value={row.deadline} onChange={(v) => onChange({ deadline: v ?? null })} />
        </div>
        <Select
          aria-label={label('plans.form.scope')}
          value={row.scope}
          style={{ width: 190 }}
          onChange={(v) => onChange({ scope: v })}
          options={(['plan', 'district', 'commune'] as const).map((s) => ({
            value: s,
            label: t(`plans.text.scope.${s}`),
          }))}
        />
      </Space>
      <div style={{ marginTop: 8 }}>
        <IndicatorChoice row={row} n={n} onChange={onChange} />
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        <UnitPicker
          aria-label={label('plans.leadUnit')}
          placeholder={t('plans.leadUnit')}
          allowClear
          value={row.leadUnit}
          style={{ width: 280 }}
          onChange={(v) => onChange({ leadUnit: v ?? null })}
        />
        <Input
          aria-label={label('plans.responsible')}
          placeholder={t('plans.responsible')}
          value={row.responsiblePerson}
          style={{ width: 260 }}
          maxLength={300}
          onChange={(e) => onChange({ responsiblePerson: e.target.value })}
        />
      </Space>
    </Card>
  );
}

/** The matched indicator (with its confidence), another one, or a new one made from the subject. */
function IndicatorChoice({ row, n, onChange }: RowProps<TargetRow>) {
  const { t } = useTranslation();
  const me = useMe();
  const pillars = usePillars();
  const local = useLocalName();
  const save = useSaveIndicator();
  const [making, setMaking] = useState(false);
  const [name, setName] = useState(row.subject);
  const [pillar, setPillar] = useState<string | undefined>();
  const mayCreate = !!me.data && (me.data.user.isAdmin || !!me.data.permissions?.manageCatalogue);
  async function create() {
    const code = `KH_${Date.now().toString(36).toUpperCase()}`;
    const created = await save.mutateAsync({
      code: null,
      body: {
        code,
        name,
        unit: row.value !== null && row.value <= 100 ? '%' : '',
        valueType: 'number',
        pillar,
      },
    });
    onChange({ indicator: created.code, confidence: 1 });
    setMaking(false);
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <div style={{ minWidth: 420 }} title={`${t('plans.indicator')} ${n}`}>
          <IndicatorField
            value={row.indicator ?? undefined}
            onChange={(v) => onChange({ indicator: v ?? null })}
          />
        </div>
        {row.indicator && row.confidence > 0 && (
          <Tag color={row.confidence >= 0.6 ? 'green' : 'orange'}>
            {t('plans.text.confidence', { pct: Math.round(row.confidence * 100) })}
          </Tag>
        )}
        {!row.indicator && <Tag color="red">{t('plans.text.noIndicator')}</Tag>}
        {mayCreate && !making && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setMaking(true)}>
            {t('plans.text.newIndicator')}
          </Button>
        )}
      </Space>
      {making && (
        <Space wrap>
          <Input
            aria-label={t('plans.text.newIndicatorName')}
            value={name}
            style={{ width: 380 }}
            onChange={(e) => setName(e.target.value)}
          />
          <Select
            aria-label={t('plans.pillar')}
            placeholder={t('plans.pillar')}
            value={pillar}
            style={{ width: 180 }}
            onChange={setPillar}
            options={(pillars.data ?? []).map((p) => ({ value: p.code, label: local(p) }))}
          />
          <Button
            type="primary"
            size="small"
            disabled={!name.trim() || !pillar}
            loading={save.isPending}
            onClick={() => void create().catch(() => undefined)}
          >
            {t('plans.text.createIndicator')}
          </Button>
          <Button size="small" onClick={() => setMaking(false)}>
            {t('common.cancel')}
          </Button>
          {save.isError && <Typography.Text type="danger">{errorMessage(save.error)}</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}

function ResultLine({ n, row, onChange }: RowProps<ResultRow>) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginBottom: 8 }} align="start">
      <Checkbox
        aria-label={`${t('plans.text.useAsBaseline')} ${n}`}
        checked={row.accept}
        onChange={(e) => onChange({ accept: e.target.checked })}
      >
        {t('plans.text.useAsBaseline')}
      </Checkbox>
      <InputNumber
        value={row.value}
        onChange={(v) => onChange({ value: v })}
        aria-label={`${t('plans.text.resultValue')} ${n}`}
      />
      <div style={{ width: 150 }}>
        <PeriodField allowClear value={row.period} onChange={(v) => onChange({ period: v ?? null })} />
      </div>
      <div style={{ minWidth: 360 }}>
        <IndicatorField
          value={row.indicator ?? undefined}
          onChange={(v) => onChange({ indicator: v ?? null })}
        />
      </div>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }} title={row.sentence}>
        {row.subject}
      </Typography.Text>
    </Space>
  );
}

/** The indicator catalogue: list and search (ignoring diacritics), create, update, publish. */
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database, Tx } from '../db/index.js';
import {
  AGGREGATIONS,
  defaultRules,
  ORG_UNIT_KINDS,
  POLARITIES,
  TIME_AGGREGATIONS,
  VALUE_TYPES,
} from '../domain/catalog.js';
import { parseFormula } from '../domain/formula.js';
import { PERIOD_TYPES } from '../domain/period.js';
import { foldText, likePattern } from '../domain/text.js';
import { CODE_RE } from '../domain/validate.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { type AuditEntry, appendAudit } from '../repositories/audit.js';
import * as repo from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import './indicatorMessages.js';

/** The audit row of a change to one indicator, by the actor from ip. */
const auditIndicator = (
  tx: Tx,
  actor: Actor,
  ip: string | null,
  e: Pick<AuditEntry, 'action' | 'key' | 'before' | 'after'>,
) => appendAudit(tx, { userId: actor.id, username: actor.username, ip, entity: 'indicator', ...e });

const FREQUENCY_ALIASES: Record<string, string> = {
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
  annual: 'year',
  annually: 'year',
  semiannual: 'half',
  half_year: 'half',
  halfyear: 'half',
  six_months: 'half',
  nine_month: 'nine_months',
  ninemonths: 'nine_months',
  weekly: 'week',
  daily: 'day',
};
const PILLAR_ALIASES: Record<string, string> = {
  digital_government: 'government',
  government_digital: 'government',
  digital_economy: 'economy',
  digital_society: 'society',
  foundations: 'foundation',
  common: 'foundation',
  chinh_quyen_so: 'government',
  kinh_te_so: 'economy',
  xa_hoi_so: 'society',
  nen_tang: 'foundation',
};
const alias = (map: Record<string, string>) => (v: unknown) => {
  if (typeof v !== 'string') return v;
  const k = foldText(v).replace(/[\s-]+/g, '_');
  return map[k] ?? k;
};

/** The input of POST /api/indicators (contract fields plus ours). */
export const indicatorInput = z.object({
  code: z.string().trim().regex(CODE_RE, 'letters, digits, . _ - (max 64)'),
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).optional(),
  definition: z.string().max(5000).nullish(),
  definitionEn: z.string().max(5000).nullish(),
  unit: z.string().trim().max(50).default(''),
  valueType: z.enum(VALUE_TYPES),
  aggregation: z.enum(AGGREGATIONS).optional(),
  timeAggregation: z.enum(TIME_AGGREGATIONS).optional(),
  pillar: z.preprocess(alias(PILLAR_ALIASES), z.string().min(1)),
  field: z.preprocess(alias({}), z.string().min(1).max(64)).nullish(),
  frequency: z.preprocess(alias(FREQUENCY_ALIASES), z.enum(PERIOD_TYPES)).default('year'),
  polarity: z.enum(POLARITIES).default('higher'),
  // beyond these a ratio × scale underflows or overflows in the engine's arithmetic
  ratioScale: z.number().min(1e-6).max(1e6).optional(),
  decimals: z.number().int().min(0).max(6).nullish(),
  owner: z.string().nullish(),
  source: z.string().max(500).nullish(),
  reportingKinds: z.array(z.enum(ORG_UNIT_KINDS)).default([]),
  category: z.string().nullish(),
  formula: z.string().max(1000).nullish(),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;

const f = indicatorInput.shape;
/**
 * PUT /api/indicators/CODE: the whole indicator, as GET returns it — every writable field present
 * (null clears an optional one); a body that leaves fields out is a 400 naming them, never a
 * silent reset to defaults. `code` (if given) must be the one in the address; `ownerName` and
 * `published` are read-only here and ignored.
 */
export const indicatorPut = z.object({
  code: f.code.optional(),
  name: f.name,
  nameEn: z.string().trim().max(300),
  definition: z.string().max(5000).nullable(),
  definitionEn: z.string().max(5000).nullable(),
  unit: z.string().trim().max(50),
  valueType: f.valueType,
  aggregation: f.aggregation.unwrap(),
  timeAggregation: f.timeAggregation.unwrap(),
  pillar: f.pillar,
  field: z.preprocess(alias({}), z.string().min(1).max(64)).nullable(),
  frequency: f.frequency.unwrap(),
  polarity: f.polarity.unwrap(),
  ratioScale: f.ratioScale.unwrap(),
  decimals: z.number().int().min(0).max(6).nullable(),
  owner: z.string().nullable(),
  source: z.string().max(500).nullable(),
  reportingKinds: f.reportingKinds.unwrap(),
  category: z.string().nullable(),
  formula: z.string().max(1000).nullable(),
  ownerName: z.string().nullish(),
  published: z.boolean().optional(),
});
/** PATCH /api/indicators/CODE: only the fields given change (no defaults fill the others). */
export const indicatorPatch = indicatorPut.omit({ code: true, ownerName: true, published: true }).partial();
export type IndicatorPatch = z.infer<typeof indicatorPatch>;

export function presentIndicator(r: repo.IndicatorRow) {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    unit: r.unit,
    valueType: r.valueType,
    aggregation: r.aggregation,
    pillar: r.pillar,
    field: r.field,
    frequency: r.frequency,
    timeAggregation: r.timeAggregation,
    polarity: r.polarity,
    definition: r.definition,
    definitionEn: r.definitionEn,
    ratioScale: r.ratioScale,
    decimals: r.decimals,
    owner: r.owner,
    ownerName: r.ownerName,
    source: r.source,
    reportingKinds: r.reportingKinds,
    category: r.category,
    formula: r.formula,
    published: r.published,
  };
}

export async function listIndicators(
  database: Database,
  q: {
    q?: string;
    pillar?: string;
    field?: string;
    owner?: string;
    frequency?: string;
    limit: number;
    offset: number;
  },
) {
  const r = await repo.list(database, { ...q, q: q.q ? likePattern(q.q) : undefined });
  return { total: r.total, items: r.items.map(presentIndicator) };
}

async function toWrite(database: Database, input: IndicatorInput): Promise<repo.IndicatorWrite> {
  const details: Array<{ field: string; message: string }> = [];
  const pillars = await repo.pillars(database);
  if (!pillars.some((p) => p.code === input.pillar)) {
    details.push({
      field: 'pillar',
      message: `unknown pillar "${input.pillar}" (${pillars.map((p) => p.code).join(', ')})`,
    });
  }
  if (input.field && !(await repo.fields(database)).some((f) => f.code === input.field)) {
    details.push({ field: 'field', message: `unknown field "${input.field}"` });
  }
  let ownerId: number | null = null;
  if (input.owner) {
    const owner = await units.findByCode(database, input.owner);
    if (!owner) details.push({ field: 'owner', message: `unknown org unit "${input.owner}"` });
    else ownerId = owner.id;
  }
  if (input.category && !(await repo.categories(database)).some((c) => c.code === input.category)) {
    details.push({ field: 'category', message: `unknown category "${input.category}"` });
  }
  const defaults = defaultRules(input.valueType);
  const aggregation = input.aggregation ?? defaults.aggregation;
  if (aggregation === 'ratio' && input.valueType !== 'ratio') {
    details.push({ field: 'aggregation', message: 'aggregation "ratio" needs valueType "ratio"' });
  }
  if (input.formula) {
    const f = parseFormula(input.formula);
    if (!f.ok) details.push({ field: 'formula', message: f.reason });
    else {
      const found = await repo.findByCodes(database, f.refs);
      const missing = f.refs.filter((c) => !found.some((x) => x.code === c));
      if (missing.length)
        details.push({ field: 'formula', message: `unknown indicator(s): ${missing.join(', ')}` });
      if (f.refs.includes(input.code))
        details.push({ field: 'formula', message: 'a formula cannot refer to itself' });
    }
  }
  if (details.length)
    throw new AppError(400, 'validation', 'error.validation', { count: details.length }, details);
  return {
    code: input.code,
    name: input.name.normalize('NFC'),
    name_en: (input.nameEn || input.name).normalize('NFC'),
    name_search: foldText(`${input.name} ${input.nameEn ?? ''}`),
    definition: input.definition ?? null,
    definition_en: input.definitionEn ?? null,
    unit: input.unit ?? '',
    pillar: input.pillar,
    field: input.field ?? null,
    value_type: input.valueType,
    aggregation,
    time_aggregation: input.timeAggregation ?? defaults.timeAggregation,
    polarity: input.polarity,
    frequency: input.frequency,
    ratio_scale: input.ratioScale ?? (input.valueType === 'ratio' ? defaults.ratioScale : 1),
    decimals: input.decimals ?? null,
    owner_unit_id: ownerId,
    source: input.source ?? null,
    reporting_kinds: input.reportingKinds ?? [],
    category_code: input.category ?? null,
    formula: input.formula ?? null,
  };
}

export async function createIndicator(
  database: Database,
  actor: Actor,
  input: IndicatorInput,
  ip: string | null,
) {
  if (await repo.findByCode(database, input.code)) throw conflict('word.indicator', input.code);
  const write = await toWrite(database, input);
  await database.transaction(async (tx) => {
    await repo.insert(tx, write);
    await auditIndicator(tx, actor, ip, {
      action: 'create',
      key: input.code,
      after: write,
    });
  });
  return presentIndicator((await repo.findByCode(database, input.code))!);
}

/** The values a change would orphan, one detail per conflicting field (empty: safe). */
async function orphanedValues(
  database: Database,
  before: repo.IndicatorRow,
  after: repo.IndicatorWrite,
): Promise<Array<{ field: string; count: number; messageKey: string; params: Record<string, unknown> }>> {
  const frequency = after.frequency !== before.frequency;
  const valueType =
    after.value_type !== before.valueType &&
    [after.value_type, before.valueType].some((t) => t === 'ratio' || t === 'boolean');
  const category = (after.category_code ?? null) !== (before.category ?? null);
  const formula = !!after.formula && !before.formula;
  // a ratio's stored value is numerator/denominator × scale: another scale would contradict it
  const scale = before.valueType === 'ratio' && Number(after.ratio_scale) !== Number(before.ratioScale);
  const kinds = after.reporting_kinds;
  const narrowed =
    kinds.length > 0 &&
    (before.reportingKinds.length === 0 || before.reportingKinds.some((k) => !kinds.includes(k)));
  if (!frequency && !valueType && !category && !formula && !scale && !narrowed) return [];
  const byKind = await repo.storedValuesByKind(database, before.id);
  const total = byKind.reduce((n, k) => n + k.n, 0);
  if (total === 0) return [];
  const out: Array<{ field: string; count: number; messageKey: string; params: Record<string, unknown> }> =
    [];
  const add = (field: string, count: number, params: Record<string, unknown>) =>
    out.push({ field, count, messageKey: `indicator.in_use.${field}`, params: { ...params, count } });
  if (frequency) add('frequency', total, { from: before.frequency, to: after.frequency });
  if (valueType) add('valueType', total, { from: before.valueType, to: after.value_type });
  if (category) add('category', total, { from: before.category ?? '—', to: after.category_code ?? '—' });
  if (formula) add('formula', total, {});
  if (scale) add('ratioScale', total, { from: before.ratioScale, to: after.ratio_scale });
  if (narrowed) {
    const outside = byKind.filter((k) => !kinds.includes(k.kind));
    const n = outside.reduce((s, k) => s + k.n, 0);
    if (n > 0)
      add('reportingKinds', n, { to: kinds.join(', '), kinds: outside.map((k) => k.kind).join(', ') });
  }
  return out;
}

/**
 * Changes an indicator: `patch` holds the fields to change (PATCH), or every field (PUT). Allowed
 * to catalogue managers, or to a secretariat covering the owner unit before and after the change.
 * A change that would orphan stored values is a 409 naming each conflict and its value count.
 */
export async function updateIndicator(
  database: Database,
  actor: Actor,
  code: string,
  patch: IndicatorPatch & { code?: string },
  ip: string | null,
) {
  const before = await repo.findByCode(database, code);
  if (!before) throw notFound('word.indicator', code);
  if (patch.code !== undefined && patch.code !== code)
    throw new AppError(400, 'validation', 'indicator.code_mismatch' as never, { given: patch.code, code }, [
      { field: 'code', message: `${patch.code} ≠ ${code}` },
    ]);
  const ownerBefore = before.owner ? await units.findByCode(database, before.owner) : undefined;
  if (!policy.canEditIndicator(actor, [ownerBefore ?? null])) throw forbidden();
  const {
    code: _c,
    ownerName: _n,
    published: _p,
    ...fields
  } = patch as IndicatorPatch & {
    code?: string;
    ownerName?: unknown;
    published?: unknown;
  };
  const merged = {
    ...presentIndicator(before),
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
  if ((merged.owner ?? null) !== (before.owner ?? null)) {
    // handing the indicator to another owner (or to none: root-only) needs scope over both
    const ownerAfter = merged.owner ? await units.findByCode(database, merged.owner) : null;
    if (ownerAfter !== undefined && !policy.canEditIndicator(actor, [ownerBefore ?? null, ownerAfter]))
      throw forbidden(ownerAfter?.code);
  }
  const write = await toWrite(database, indicatorInput.parse({ ...merged, code }));
  const orphans = await orphanedValues(database, before, write);
  if (orphans.length)
    throw new AppError(
      409,
      'indicator_in_use',
      'indicator.in_use' as never,
      {
        code,
        fields: orphans.map((o) => o.field).join(', '),
        count: Math.max(...orphans.map((o) => o.count)),
      },
      orphans,
    );
  await database.transaction(async (tx) => {
    await repo.update(tx, code, write);
    await auditIndicator(tx, actor, ip, {
      action: 'update',
      key: code,
      before: presentIndicator(before),
      after: write,
    });
  });
  return presentIndicator((await repo.findByCode(database, code))!);
}

export async function publishIndicator(
  database: Database,
  actor: Actor,
  code: string,
  published: boolean,
  ip: string | null,
) {
  const before = await repo.findByCode(database, code);
  if (!before) throw notFound('word.indicator', code);
  await database.transaction(async (tx) => {
    await repo.setPublished(tx, code, published);
    await auditIndicator(tx, actor, ip, {
      action: published ? 'publish' : 'unpublish',
      key: code,
      before: { published: before.published },
      after: { published },
    });
  });
}

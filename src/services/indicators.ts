/** The indicator catalogue: list and search (ignoring diacritics), create, update, publish. */
import { z } from 'zod';
import type { Database } from '../db/index.js';
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
import { appendAudit } from '../repositories/audit.js';
import * as repo from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import { AppError, conflict, notFound } from '../server/errors.js';
import type { Actor } from './auth.js';

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
  ratioScale: z.number().positive().optional(),
  decimals: z.number().int().min(0).max(6).nullish(),
  owner: z.string().nullish(),
  source: z.string().max(500).nullish(),
  reportingKinds: z.array(z.enum(ORG_UNIT_KINDS)).default([]),
  category: z.string().nullish(),
  formula: z.string().max(1000).nullish(),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;
export const indicatorPatch = indicatorInput.partial().omit({ code: true });

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
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'create',
      entity: 'indicator',
      key: input.code,
      after: write,
    });
  });
  return presentIndicator((await repo.findByCode(database, input.code))!);
}

export async function updateIndicator(
  database: Database,
  actor: Actor,
  code: string,
  patch: z.infer<typeof indicatorPatch>,
  ip: string | null,
) {
  const before = await repo.findByCode(database, code);
  if (!before) throw notFound('word.indicator', code);
  const merged = {
    ...presentIndicator(before),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  const write = await toWrite(database, indicatorInput.parse({ ...merged, code }));
  await database.transaction(async (tx) => {
    await repo.update(tx, code, write);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'update',
      entity: 'indicator',
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
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: published ? 'publish' : 'unpublish',
      entity: 'indicator',
      key: code,
      before: { published: before.published },
      after: { published },
    });
  });
}

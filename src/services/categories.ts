/**
 * Disaggregation categories (phân tổ) — chiso's category combinations: one category per indicator,
 * each option one cell. Created and updated through the API (`PUT /api/categories/:code`) and the
 * CLI (`npx chiso import categories FILE.csv`), by those who manage the catalogue. Each option may
 * name the DHIS2 category option combo (UID or code) it stands for (`dhis2Code`), so a DHIS2
 * `categoryOptionCombo` finds its cell (services/dhis2/import.ts) and exports name it back.
 * Options are never removed here (values may be stored under them); re-sending a category updates
 * names and DHIS2 codes and adds options.
 */
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database } from '../db/index.js';
import { decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
import { badRequest, forbidden } from '../errors.js';
import { appendAudit } from '../repositories/audit.js';
import * as repo from '../repositories/indicators.js';
import { csvProblemError } from './importErrors.js';

const code = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const categoryInput = z.object({
  code,
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).optional(),
  options: z
    .array(
      z.object({
        code,
        name: z.string().trim().min(1).max(300),
        nameEn: z.string().trim().max(300).optional(),
        /** the DHIS2 category option combo (UID or code) this option stands for; null clears it */
        dhis2Code: z.string().trim().min(1).max(100).nullable().optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type CategoryInput = z.infer<typeof categoryInput>;

/** Problems inside one category (repeated option codes or DHIS2 codes), as field messages. */
function problemsOf(c: CategoryInput): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  const dhis2 = new Set<string>();
  c.options.forEach((o, i) => {
    if (seen.has(o.code))
      out.push({ field: `options.${i}.code`, message: `${c.code}: option ${o.code} twice` });
    seen.add(o.code);
    if (o.dhis2Code) {
      if (dhis2.has(o.dhis2Code))
        out.push({ field: `options.${i}.dhis2Code`, message: `${c.code}: DHIS2 code ${o.dhis2Code} twice` });
      dhis2.add(o.dhis2Code);
    }
  });
  return out;
}

/** Creates or updates categories, all in one transaction (one bad category: nothing is written). */
export async function saveCategories(
  database: Database,
  actor: Actor,
  inputs: CategoryInput[],
  ip: string | null,
): Promise<{ created: number; updated: number }> {
  if (!policy.canManageCatalogue(actor)) throw forbidden();
  const problems = inputs.flatMap(problemsOf);
  if (problems.length > 0) throw badRequest('error.validation', { count: problems.length }, problems);
  const known = new Set((await repo.categories(database)).map((c) => c.code));
  await database.transaction(async (tx) => {
    for (const c of inputs) {
      await repo.upsertCategory(tx, {
        code: c.code,
        name: c.name,
        name_en: c.nameEn || c.name,
        options: c.options.map((o) => ({
          code: o.code,
          name: o.name,
          name_en: o.nameEn || o.name,
          dhis2_code: o.dhis2Code,
        })),
      });
      await appendAudit(tx, {
        userId: actor.id,
        username: actor.username,
        ip,
        action: known.has(c.code) ? 'update' : 'create',
        entity: 'category',
        key: c.code,
        after: c,
      });
    }
  });
  const created = inputs.filter((c) => !known.has(c.code)).length;
  return { created, updated: inputs.length - created };
}

export const CATEGORY_CSV_REQUIRED = ['category', 'category_name', 'option', 'option_name'];
export const CATEGORY_CSV_OPTIONAL = ['category_name_en', 'option_name_en', 'dhis2_code'];

/**
 * A categories CSV (one row per option, header
 * `category,category_name,option,option_name[,category_name_en,option_name_en,dhis2_code]`) as
 * category inputs, rows of a category in file order; row errors name row and column.
 */
export function categoriesFromCsv(bytes: Uint8Array): {
  inputs: CategoryInput[];
  errors: Array<{ row: number; field: string; message: string }>;
} {
  const decoded = decodeUtf8(bytes);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, CATEGORY_CSV_REQUIRED, CATEGORY_CSV_OPTIONAL);
  if (isProblem(table)) throw csvProblemError(table);
  const byCode = new Map<string, { input: CategoryInput; rows: number[] }>();
  for (const { row, cells } of table.rows) {
    let entry = byCode.get(cells.category);
    if (!entry) {
      entry = {
        input: {
          code: cells.category,
          name: cells.category_name,
          nameEn: cells.category_name_en || undefined,
          options: [],
        },
        rows: [],
      };
      byCode.set(cells.category, entry);
    }
    entry.input.options.push({
      code: cells.option,
      name: cells.option_name,
      nameEn: cells.option_name_en || undefined,
      dhis2Code: cells.dhis2_code || undefined,
    });
    entry.rows.push(row);
  }
  const inputs: CategoryInput[] = [];
  const errors: Array<{ row: number; field: string; message: string }> = [];
  const column: Record<string, string> = {
    code: 'option',
    name: 'option_name',
    nameEn: 'option_name_en',
    dhis2Code: 'dhis2_code',
  };
  for (const { input, rows } of byCode.values()) {
    const parsed = categoryInput.safeParse(input);
    if (parsed.success) {
      const dup = problemsOf(parsed.data);
      for (const p of dup) {
        const i = Number(p.field.split('.')[1]);
        errors.push({
          row: rows[i] ?? rows[0],
          field: column[p.field.split('.')[2]] ?? 'option',
          message: p.message,
        });
      }
      inputs.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const [top, i, leaf] = issue.path;
      const row = top === 'options' && typeof i === 'number' ? rows[i] : rows[0];
      const field =
        top === 'options'
          ? (column[String(leaf)] ?? 'option')
          : top === 'code'
            ? 'category'
            : 'category_name';
      errors.push({ row, field, message: issue.message });
    }
  }
  return { inputs, errors: errors.sort((a, b) => a.row - b.row) };
}

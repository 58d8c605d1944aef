/**
 * Report forms as spreadsheets: a pre-filled Excel template (units × indicators, header rows locked,
 * the sheet protected with only value cells editable, data validation by value type, instructions
 * in Vietnamese) and its upload back (.xlsx, or CSV of the same layout). Every bad cell is named by
 * sheet, row and column; nothing is written unless the whole file is valid (or mode=partial).
 *
 * Layout of the sheet "Số liệu": row 1 holds the machine codes (`org_unit`, `org_unit_name`, then
 * each indicator code, a ratio as two columns `CODE.NUM` and `CODE.DEN`), row 2 the Vietnamese
 * labels, one unit per row from row 3. A CSV has the same columns (row 1 codes; row 2 labels optional).
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import { reportingPolicy } from '../access/reporting.js';
import type { Database, Tx } from '../db/index.js';
import { isProblem, readCsvGrid } from '../domain/csv.js';
import type { RowInput, ValidRow } from '../domain/dataValueRow.js';
import { formatPeriod, labelPeriod, periodEnd, periodId, periodStart } from '../domain/period.js';
import { isEditable } from '../domain/reporting.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { type Lang, type MessageKey, t, tx } from '../i18n/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as orgUnits from '../repositories/orgUnits.js';
import * as repo from '../repositories/reporting.js';
import { type ImportMode, importValues } from './dataValues.js';
import { type FileDownload, safeCell, XLSX_TYPE } from './exports.js';
import { formPeriod, holidays, loadForm, scheduleOf } from './reporting.js';
import './reportingMessages.js';
import { listErrors } from './errorList.js';
import { readXlsxSafely, type XlsxGrid } from './xlsxSafe.js';

export const DATA_SHEET = 'Số liệu';
export const HELP_SHEET = 'Hướng dẫn';
const FIRST_DATA_ROW = 3;

interface Column {
  key: string;
  indicator: repo.FormIndicatorRow;
  part: 'value' | 'numerator' | 'denominator';
}

function columnsOf(inds: repo.FormIndicatorRow[]): Column[] {
  return inds.flatMap((i): Column[] =>
    i.valueType === 'ratio'
      ? [
          { key: `${i.code}.NUM`, indicator: i, part: 'numerator' },
          { key: `${i.code}.DEN`, indicator: i, part: 'denominator' },
        ]
      : [{ key: i.code, indicator: i, part: 'value' }],
  );
}

const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

async function unitsFor(
  database: Database,
  actor: Actor,
  form: repo.FormRow,
  range: { from: string; to: string },
  rootCode?: string,
) {
  let rootId: number | undefined;
  if (rootCode) {
    const root = await orgUnits.findByCode(database, rootCode, range);
    if (!root) throw notFound('word.org_unit', rootCode);
    if (!reportingPolicy.canRead(actor, root)) throw forbidden(root.code);
    rootId = root.id;
  }
  return (await repo.reportingUnits(database, form.unitSpec, range, rootId)).filter((u) =>
    reportingPolicy.canRead(actor, u),
  );
}

export async function buildTemplate(
  database: Database,
  actor: Actor,
  code: string,
  q: { orgUnit?: string; period: string },
): Promise<FileDownload> {
  const { form, indicators: inds } = await loadForm(database, code);
  const p = formPeriod(form, q.period);
  const units = await unitsFor(database, actor, form, { from: periodStart(p), to: periodEnd(p) }, q.orgUnit);
  const cols = columnsOf(inds);
  const cells = await repo.cells(
    database,
    inds.map((i) => i.id),
    units.map((u) => u.id),
    [periodId(p)],
  );
  const sch = scheduleOf(form, p, await holidays(database));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.addRow(['org_unit', 'org_unit_name', ...cols.map((c) => c.key)]);
  ws.addRow([
    'Mã đơn vị',
    'Tên đơn vị',
    ...cols.map(
      (c) =>
        `${c.indicator.name}${c.part === 'numerator' ? ' – tử số' : c.part === 'denominator' ? ' – mẫu số' : ''}${c.indicator.unit && c.part === 'value' ? ` (${c.indicator.unit})` : ''}`,
    ),
  ]);
  ws.getRow(1).font = { bold: true, color: { argb: 'FF666666' } };
  ws.getRow(2).font = { bold: true };
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 60;
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 32;
  cols.forEach((_c, i) => {
    ws.getColumn(i + 3).width = 18;
  });
  for (const u of units) {
    const row = ws.addRow([
      u.code,
      safeCell(u.name),
      ...cols.map((c) => {
        const cell = cells.find(
          (x) =>
            x.indicatorId === c.indicator.id &&
            x.orgUnitId === u.id &&
            x.optionId === 0 &&
            policy.canSeeValue(actor, u, x.status),
        );
        if (!cell) return null;
        const v =
          c.part === 'numerator' ? cell.numerator : c.part === 'denominator' ? cell.denominator : cell.value;
        if (v === null) return null;
        return c.indicator.valueType === 'boolean' ? (v === 1 ? 'Có' : 'Không') : v;
      }),
    ]);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 3);
      cell.protection = { locked: false };
      const vt = c.indicator.valueType;
      if (vt === 'boolean')
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: ['"Có,Không"'],
          showErrorMessage: true,
          errorTitle: 'Giá trị không hợp lệ',
          error: 'Chọn "Có" hoặc "Không".',
        };
      else
        cell.dataValidation = {
          type: vt === 'count' ? 'whole' : 'decimal',
          operator: vt === 'number' ? 'between' : 'greaterThanOrEqual',
          allowBlank: true,
          formulae: vt === 'number' ? [-1e15, 1e15] : [0],
          showErrorMessage: true,
          errorTitle: 'Giá trị không hợp lệ',
          error:
            vt === 'count'
              ? 'Nhập số nguyên không âm.'
              : vt === 'number'
                ? 'Nhập một số.'
                : 'Nhập số không âm.',
        };
    });
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 90;
  const lines: Array<[string, string]> = [
    ['Mã biểu mẫu', form.code],
    ['Tên biểu mẫu', form.name],
    ['Kỳ báo cáo', formatPeriod(p)],
    ['', labelPeriod(p)],
    ['Thời gian chốt số liệu', `${fmtDate(sch.window.from)} – ${fmtDate(sch.window.to)}`],
    ['Hạn nộp', fmtDate(sch.dueDate)],
    ['', ''],
    [
      'Hướng dẫn',
      '1. Nhập số liệu vào các ô trắng của trang "Số liệu", mỗi dòng một đơn vị; không sửa hai dòng tiêu đề và hai cột đầu.',
    ],
    ['', '2. Chỉ tiêu tỷ lệ nhập tử số và mẫu số ở hai cột riêng; hệ thống tự tính tỷ lệ.'],
    ['', '3. Chỉ tiêu có/không chọn "Có" hoặc "Không"; chỉ tiêu đếm nhập số nguyên không âm.'],
    ['', '4. Dùng dấu phẩy hoặc dấu chấm cho phần thập phân, không dùng dấu phân cách hàng nghìn.'],
    [
      '',
      '5. Ô để trống không được ghi. Tải tệp lên tại màn hình Báo cáo định kỳ; nếu có lỗi, hệ thống báo trang, dòng, cột và không ghi dòng nào.',
    ],
    ['', '6. Sau khi tải lên, số liệu ở trạng thái nháp: kiểm tra và bấm "Gửi báo cáo" trước hạn nộp.'],
    ['', ''],
    ['Chỉ tiêu', 'Mã – tên – đơn vị tính – kiểu giá trị'],
    ...inds.map((i): [string, string] => [
      i.code,
      `${i.name}${i.unit ? ` (${i.unit})` : ''} – ${VALUE_TYPE_VI[i.valueType] ?? i.valueType}`,
    ]),
  ];
  for (const [a, b] of lines) help.addRow([safeCell(a), safeCell(b)]);
  help.getColumn(1).font = { bold: true };
  await help.protect('', {});

  const buf = await wb.xlsx.writeBuffer();
  return {
    contentType: XLSX_TYPE,
    filename: `${form.code}-${formatPeriod(p)}.xlsx`,
    body: Buffer.from(buf as ArrayBuffer),
  };
}

const VALUE_TYPE_VI: Record<string, string> = {
  number: 'số',
  count: 'số nguyên không âm',
  ratio: 'tỷ lệ (tử số/mẫu số)',
  boolean: 'có/không',
};

function fmtDate(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export interface UploadError {
  sheet: string;
  row: number;
  column: string;
  field: string;
  message: string;
}

function badFile(reason: string) {
  return new AppError(400, 'bad_file', 'reporting.upload_unreadable' as MessageKey, { reason });
}

interface Grid extends XlsxGrid {
  sheet: string;
}

/** Read off the event loop, within size, row and memory limits (see xlsxSafe.ts). */
async function readXlsx(body: Buffer): Promise<Grid> {
  const grid = await readXlsxSafely(body, { dataSheet: DATA_SHEET, helpSheet: HELP_SHEET });
  return { sheet: DATA_SHEET, ...grid };
}

function csvGrid(body: Buffer): Grid {
  const rows = readCsvGrid(body);
  if (isProblem(rows)) {
    const reason =
      rows.kind === 'encoding'
        ? `not UTF-8 (line ${rows.row})`
        : rows.kind === 'parse'
          ? `${rows.reason} (line ${rows.row})`
          : rows.kind;
    throw badFile(reason);
  }
  return {
    sheet: 'csv',
    rows: rows.map((r) => r.map((x) => (x.trim() === '' ? null : x.trim()))),
    period: null,
  };
}

export async function uploadForm(
  database: Database,
  actor: Actor,
  code: string,
  q: { period: string; mode: ImportMode },
  body: Buffer,
  kind: 'xlsx' | 'csv',
  lang: Lang,
  ip: string | null,
) {
  const { form, indicators: inds } = await loadForm(database, code);
  const p = formPeriod(form, q.period);
  const grid = kind === 'xlsx' ? await readXlsx(body) : csvGrid(body);
  const errors: UploadError[] = [];
  const err = (row: number, col: number, field: string, key: string, params: Record<string, unknown> = {}) =>
    errors.push({
      sheet: grid.sheet,
      row,
      column: colLetter(col + 1),
      field,
      message: `${colLetter(col + 1)}${row}: ${tx(lang, key, params)}`,
    });
  if (grid.period && grid.period !== formatPeriod(p))
    err(3, 1, 'period', 'reporting.cell_period', { value: grid.period, period: formatPeriod(p) });

  const header = grid.rows[0] ?? [];
  const cols = columnsOf(inds);
  const byKey = new Map(cols.map((c) => [c.key, c]));
  const colMap: Array<Column | null> = [];
  header.forEach((h, i) => {
    if (i < 2) return;
    if (h === null) return;
    const c = byKey.get(String(h));
    if (!c) err(1, i, 'header', 'reporting.cell_header', { value: h });
    colMap[i] = c ?? null;
  });
  if (String(header[0] ?? '') !== 'org_unit')
    err(1, 0, 'header', 'reporting.cell_header', { value: header[0] ?? '' });

  const units = await repo.reportingUnits(database, form.unitSpec, {
    from: periodStart(p),
    to: periodEnd(p),
  });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const subs = await repo.submissionsOf(
    database,
    form.id,
    [periodId(p)],
    units.map((u) => u.id),
  );
  const subByUnit = new Map(subs.map((s) => [s.orgUnitId, s]));

  const firstData = grid.rows[1]?.[0] === 'Mã đơn vị' || kind === 'xlsx' ? FIRST_DATA_ROW : 2;
  const rows: RowInput[] = [];
  const where = new Map<number, { row: number; cols: Partial<Record<Column['part'], number>> }>();
  const seen = new Map<string, number>();
  for (let r = firstData - 1; r < grid.rows.length; r++) {
    const line = grid.rows[r];
    const sheetRow = r + 1;
    if (!line || line.every((x) => x === null)) continue;
    const unitCode = line[0] === null ? '' : String(line[0]);
    const unit = unitByCode.get(unitCode);
    if (!unit) {
      err(sheetRow, 0, 'org_unit', 'reporting.cell_unknown_unit', { value: unitCode });
      continue;
    }
    if (seen.has(unitCode)) {
      err(sheetRow, 0, 'org_unit', 'reporting.cell_duplicate_unit', { value: unitCode });
      continue;
    }
    seen.set(unitCode, sheetRow);
    const sub = subByUnit.get(unit.id);
    if (!isEditable((sub?.status ?? null) as never)) {
      err(sheetRow, 0, 'org_unit', 'reporting.not_editable', {
        unit: unitCode,
        period: formatPeriod(p),
        status: tx(lang, `status.${sub?.status}`),
      });
      continue;
    }
    // one row input per indicator
    const perIndicator = new Map<
      number,
      { input: RowInput; cols: Partial<Record<Column['part'], number>> }
    >();
    line.forEach((v, i) => {
      const c = colMap[i];
      if (!c || v === null) return;
      let e = perIndicator.get(c.indicator.id);
      if (!e) {
        e = {
          input: {
            row: 0,
            indicator: c.indicator.code,
            orgUnit: unit.code,
            period: formatPeriod(p),
            value: null,
            numerator: null,
            denominator: null,
          },
          cols: {},
        };
        perIndicator.set(c.indicator.id, e);
      }
      e.cols[c.part] = i;
      (e.input as unknown as Record<string, unknown>)[c.part] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    for (const e of perIndicator.values()) {
      // a ratio with one part only: name the missing column
      if (e.input.indicator && inds.find((i) => i.code === e.input.indicator)?.valueType === 'ratio') {
        for (const part of ['numerator', 'denominator'] as const)
          if (e.cols[part] === undefined)
            e.cols[part] = header.findIndex(
              (h) => h === `${e.input.indicator}.${part === 'numerator' ? 'NUM' : 'DEN'}`,
            );
      }
      e.input.row = rows.length + 1;
      rows.push(e.input);
      where.set(e.input.row, { row: sheetRow, cols: e.cols });
    }
  }

  if (errors.length > 0 && q.mode === 'atomic') {
    return {
      status: 422,
      body: {
        imported: 0,
        updated: 0,
        unchanged: 0,
        rejected: errors.length,
        ...listErrors(errors),
        message: tx(lang, 'reporting.upload_invalid', { count: errors.length }),
      },
    };
  }
  // Under each written unit's report lock (repo.lockReport, ascending unit id), in the transaction
  // that writes the values: the report is still editable (else 409 and nothing written), and a unit
  // without a report gets its draft one there too.
  const unitById = new Map(units.map((u) => [u.id, u]));
  const guard = async (t2: Tx, written: ValidRow[]) => {
    for (const id of [...new Set(written.map((v) => v.orgUnitId))].sort((x, y) => x - y)) {
      const u = unitById.get(id);
      if (!u) continue;
      const key = { provinceId: u.provinceId, formId: form.id, periodId: periodId(p), orgUnitId: u.id };
      await repo.lockReport(t2, key);
      const sub = await repo.findSubmission(t2, key);
      if (!isEditable((sub?.status ?? null) as never))
        throw new AppError(409, 'invalid_transition', 'reporting.not_editable' as MessageKey, {
          unit: u.code,
          period: formatPeriod(p),
          status: tx(lang, `status.${sub?.status}`),
        });
      if (sub || !reportingPolicy.canEnter(actor, u)) continue;
      await repo.writeSubmission(t2, {
        ...key,
        status: 'draft',
        approvalsDone: 0,
        action: 'save',
        userId: actor.id,
      });
      await repo.addEvent(t2, { ...key, action: 'upload', from: null, to: 'draft', userId: actor.id });
      await appendAudit(t2, {
        userId: actor.id,
        username: actor.username,
        ip,
        action: 'save',
        entity: 'report_submission',
        key: `${form.code}/${u.code}/${formatPeriod(p)}`,
        before: null,
        after: { status: 'draft', via: kind },
      });
    }
  };
  const result = await importValues(
    database,
    actor,
    { rows, fields: 'json', mode: q.mode, source: 'import', status: 'draft', beforeWrite: guard },
    ip,
  );
  for (const pr of result.errors) {
    const w = where.get(pr.row);
    if (!w) continue;
    const col =
      pr.field === 'numerator'
        ? w.cols.numerator
        : pr.field === 'denominator'
          ? w.cols.denominator
          : pr.field === 'orgUnit'
            ? 0
            : (w.cols.value ?? w.cols.numerator);
    const c = col === undefined || col < 0 ? 0 : col;
    errors.push({
      sheet: grid.sheet,
      row: w.row,
      column: colLetter(c + 1),
      field: String(grid.rows[0]?.[c] ?? pr.field),
      message: `${colLetter(c + 1)}${w.row}: ${t(lang, pr.rule, pr.params ?? {})}`,
    });
  }
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  if (result.refused) {
    const status = result.outOfScope ? 403 : 422;
    return {
      status,
      body: {
        imported: 0,
        updated: 0,
        unchanged: 0,
        rejected: result.rejected,
        ...listErrors(errors),
        message: tx(lang, 'reporting.upload_invalid', { count: errors.length }),
      },
    };
  }
  return {
    status: 200,
    body: {
      imported: result.imported,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: new Set(errors.map((e) => e.row)).size,
      ...listErrors(errors),
    },
  };
}

/**
 * Vietnamese number reading: "86 triệu" → 86 000 000, "80,2%" → 80.2, "trên 4.500" → 4 500,
 * "1,2 triệu" → 1 200 000, "45 nghìn/65 nghìn" → 45 000 (of 65 000).
 *
 * Vietnamese writes a dot between thousands and a comma before decimals; pasted text from English
 * tools mixes both. Rules, in order: with both marks the last one is the decimal mark; one or more
 * dots each followed by exactly three digits are thousands ("4.500", "1.039"), other dots are decimal
 * ("99.5%"); commas each followed by three digits and more than one of them are thousands
 * ("1,200,000"), any other comma is decimal ("80,2", "0,125").
 */

export type Comparator = '>=' | '>' | '<=' | '<' | '=';

/** Reads the digits of a number as Vietnamese write them, or null. */
export function parseVietnameseNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s) || /[.,]{2}/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normal: string;
  if (dots && commas) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [int, frac, ...rest] = s.split(decimal);
    if (rest.length || !thousandsGroups(int, thousands)) return null;
    normal = `${int.split(thousands).join('')}.${frac}`;
  } else if (dots) {
    normal = thousandsGroups(s, '.') ? s.split('.').join('') : dots === 1 ? s : '';
  } else if (commas) {
    normal = commas > 1 ? (thousandsGroups(s, ',') ? s.split(',').join('') : '') : s.replace(',', '.');
  } else normal = s;
  if (!normal) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** "4.500", "1.200.000": a first group of 1–3 digits, then groups of exactly three. */
function thousandsGroups(s: string, mark: string): boolean {
  const groups = s.split(mark);
  return groups.length > 1 && /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** Words of scale after a number. Longest first so "nghìn tỷ" wins over "nghìn". */
export const MAGNITUDES: ReadonlyArray<[RegExp, number]> = [
  [/^nghìn tỷ|^ngàn tỷ|^nghìn tỉ|^ngàn tỉ/u, 1e12],
  [/^tỷ|^tỉ/u, 1e9],
  [/^triệu/u, 1e6],
  [/^nghìn|^ngàn/u, 1e3],
  [/^trăm(?!\s*phần)/u, 1e2],
];

/** Units written straight after the digits or after a space ("50Mbps", "10 MB"). */
export const GLUED_UNITS = /^(%|mbps|gbps|kbps|mb|gb|tb|kb|km2|km|ha|m2|usd|vnd|đ)(?![\p{L}\d])/iu;

/** Comparators written before a number (lower-cased, with diacritics); longest first. */
export const COMPARATORS_BEFORE: ReadonlyArray<[string, Comparator]> = [
  ['không vượt quá', '<='],
  ['không cao hơn', '<='],
  ['không nhiều hơn', '<='],
  ['không ít hơn', '>='],
  ['không thấp hơn', '>='],
  ['không dưới', '>='],
  ['không quá', '<='],
  ['không vượt', '<='],
  ['ít nhất là', '>='],
  ['ít nhất', '>='],
  ['tối thiểu là', '>='],
  ['tối thiểu', '>='],
  ['tối đa là', '<='],
  ['tối đa', '<='],
  ['xuống còn', '<='],
  ['xuống dưới', '<'],
  ['giảm còn', '<='],
  ['còn dưới', '<'],
  ['thấp hơn', '<'],
  ['ít hơn', '<'],
  ['cao hơn', '>'],
  ['nhiều hơn', '>'],
  ['vượt', '>'],
  ['trên', '>'],
  ['hơn', '>'],
  ['dưới', '<'],
  ['từ', '>='],
];

/** Comparators written after a number ("50% trở lên"). */
export const COMPARATORS_AFTER: ReadonlyArray<[RegExp, Comparator]> = [
  [/^\s*trở lên/u, '>='],
  [/^\s*trở xuống/u, '<='],
  [/^\s*trở lại/u, '<='],
];

export interface NumberToken {
  /** Offsets of the whole phrase (comparator and unit included) in the text read. */
  start: number;
  end: number;
  /** Offsets of the digits (and scale words) alone. */
  numStart: number;
  numEnd: number;
  value: number;
  /** Denominator of "45 nghìn/65 nghìn", else null. */
  of: number | null;
  unit: string;
  comparator: Comparator | null;
  /** "Top 10", "nhóm 30 tỉnh dẫn đầu", "xếp thứ 5": a rank. */
  rank: boolean;
}

const NUMBER_RE = /(?<![\p{L}\d/.,-])\d+(?:[.,]\d+)*/gu;
/** Words after which a number is a label, not a quantity: "mức 2", "giai đoạn 2", "số 05". */
const LABEL_BEFORE =
  /(?:^|[^\p{L}])(?:mức độ|mức|cấp độ|giai đoạn|lần thứ|lần|điều|khoản|khóa|phiên bản|version|web|industry|phiên|tầng|quận|phường|khu|lô|đợt|tháng|quý|ngày|năm|thứ)\s*$/iu;
/** Words after a number that make it an age, a duration of planning or a period, not a quantity. */
const NOT_QUANTITY_AFTER = /^\s*(?:tuổi|tháng|năm|quý|tuần|giờ\s+\d)(?![\p{L}])/iu;
const RANK_BEFORE =
  /(?:top|tốp|xếp hạng thứ|xếp thứ|hạng thứ|hạng|vị trí thứ|vị trí|thứ hạng|đứng thứ)\s*$/iu;
const RANK_AFTER = /^\s*(?:[\p{L},\s]{0,60}?)(?:dẫn đầu|đứng đầu|hàng đầu|cao nhất|tốt nhất|đi đầu)/iu;

/** A unit word after the number: the % sign, a glued unit, or the first noun of what follows. */
const UNIT_WORDS = [
  'phần trăm',
  'doanh nghiệp',
  'hồ sơ',
  'người dân',
  'người',
  'hộ gia đình',
  'hộ',
  'tài khoản',
  'thành viên',
  'chỉ số',
  'lĩnh vực',
  'mẫu báo cáo',
  'đơn vị',
  'chữ ký số',
  'trạm',
  'điểm',
  'tổ',
  'dịch vụ',
  'thủ tục',
  'xã',
  'cơ sở',
  'hệ thống',
  'cơ sở dữ liệu',
  'văn bản',
  'lượt',
  'ngày',
  'giờ',
  'phút',
  'đồng',
  'dân',
  'thành phần',
  'sản phẩm',
  'cán bộ',
  'học sinh',
  'bệnh viện',
  'trường',
  'cuộc',
  'giao dịch',
];

/** Reads every quantity in `text` (dates and years must already be masked out). */
export function readNumbers(text: string): NumberToken[] {
  const lower = text.toLowerCase();
  const out: NumberToken[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const numStart = m.index ?? 0;
    let numEnd = numStart + m[0].length;
    let value = parseVietnameseNumber(m[0]);
    if (value === null) continue;
    const before = lower.slice(Math.max(0, numStart - 40), numStart);
    let after = lower.slice(numEnd);
    // "4G", "5G", "3D", "05-NQ/TU": a code, not a quantity
    if (/^[\p{L}]/u.test(after) && !GLUED_UNITS.test(after)) continue;
    if (/^[-–]\s*\p{L}/u.test(after) || /^\/\s*\p{L}/u.test(after)) continue;
    if (NOT_QUANTITY_AFTER.test(after)) continue;
    // "4.0", "Web 3.0": a version, not a quantity
    if (/^\d\.0$/.test(m[0]) && !/^\s*%/.test(after)) continue;
    const rankBefore = RANK_BEFORE.test(before);
    if (!rankBefore && LABEL_BEFORE.test(before)) continue;
    // scale words
    const scaled = scale(after);
    if (scaled) {
      value *= scaled.factor;
      numEnd += scaled.length;
      after = lower.slice(numEnd);
    }
    // "45 nghìn/65 nghìn", "8.705/62.000"
    let of: number | null = null;
    const frac = /^\s*\/\s*(\d+(?:[.,]\d+)*)/u.exec(after);
    let fracEnd = numEnd;
    if (frac) {
      let d = parseVietnameseNumber(frac[1]);
      fracEnd = numEnd + frac[0].length;
      const s2 = scale(lower.slice(fracEnd));
      if (d !== null && s2) {
        d *= s2.factor;
        fracEnd += s2.length;
      }
      of = d;
    }
    let end = fracEnd;
    let rest = lower.slice(end);
    // unit
    let unit = '';
    const glued = GLUED_UNITS.exec(rest) ?? GLUED_UNITS.exec(rest.replace(/^\s+/, ''));
    if (glued && (rest.startsWith(glued[0]) || /^\s+/.test(rest))) {
      const skip = rest.indexOf(glued[0]) + glued[0].length;
      unit = glued[0] === '%' ? '%' : text.slice(end + rest.indexOf(glued[0]), end + skip);
      end += skip;
    } else if (/^\s*phần trăm/u.test(rest)) {
      unit = '%';
      end += /^\s*phần trăm/u.exec(rest)![0].length;
    } else {
      const word = rest.replace(/^\s+/, '');
      const w = UNIT_WORDS.find((u) => word.startsWith(u) && !/^[\p{L}]/u.test(word.slice(u.length)));
      if (w) unit = w;
    }
    rest = lower.slice(end);
    // comparator
    let comparator: Comparator | null = null;
    let start = numStart;
    const b = before.replace(/\s+$/, '');
    for (const [word, c] of COMPARATORS_BEFORE) {
      if (b.endsWith(word) && !/[\p{L}]/u.test(b.charAt(b.length - word.length - 1) || ' ')) {
        comparator = c;
        start = numStart - (before.length - (b.length - word.length));
        break;
      }
    }
    for (const [re, c] of COMPARATORS_AFTER) {
      const a = re.exec(rest);
      if (a) {
        comparator = c;
        end += a[0].length;
        break;
      }
    }
    // "từ 50% đến 60%" reads as at least 50
    let rank = false;
    if (rankBefore || (/nhóm\s*$/u.test(b) && RANK_AFTER.test(rest))) {
      rank = true;
      comparator = '<=';
      unit = 'hạng';
      const rb =
        /(?:top|tốp|nhóm|xếp hạng thứ|xếp thứ|hạng thứ|hạng|vị trí thứ|vị trí|thứ hạng|đứng thứ)\s*$/iu.exec(
          before,
        );
      if (rb) start = numStart - (before.length - (rb.index ?? before.length));
    } else if (/nhóm\s*$/u.test(b)) continue;
    out.push({ start, end, numStart, numEnd, value, of, unit, comparator, rank });
  }
  return out;
}

function scale(after: string): { factor: number; length: number } | null {
  const s = after.replace(/^\s+/, '');
  const pad = after.length - s.length;
  for (const [re, factor] of MAGNITUDES) {
    const m = re.exec(s);
    if (m && !/^[\p{L}]/u.test(s.slice(m[0].length))) return { factor, length: pad + m[0].length };
  }
  return null;
}

/** Messages of the DHIS2 adapter (vi + en), the conflicts it finds before the write pipeline. */
import type { Lang } from '../../i18n/index.js';

const vi = {
  notObject: 'mục dữ liệu phải là một đối tượng JSON',
  missing: (f: string) => `thiếu ${f}`,
  period: (p: string) => `kỳ không hợp lệ: ${p} (ví dụ 2024, 2024S1, 2024Q1, 202403, 2024W1, 20240115)`,
  periodNoMatch: (p: string, type: string, range: string, ind: string, freq: string) =>
    `kỳ ${p} (kiểu DHIS2 ${type}${range}) không trùng với kỳ nào của chỉ tiêu ${ind} (tần suất ${freq}); chiso không chia hay gộp kỳ khi nhập`,
  ratioPlain: (c: string) => `chỉ tiêu tỷ lệ: gửi tử số ${c}.NUM và mẫu số ${c}.DEN`,
  twice: 'trùng một mục khác (cùng phần tử dữ liệu, đơn vị, kỳ, phân tổ)',
  value: 'giá trị phải là số, chuỗi hoặc true/false',
  followup: 'followup phải là true hoặc false',
  noUid: (what: string, scheme: string) =>
    `chiso không lưu ${scheme} cho ${what}: hãy gửi mã (idScheme=CODE)`,
  attribute: (aoc: string) =>
    `tổ hợp thuộc tính ${aoc} không có trong chiso (chỉ có tổ hợp mặc định); giá trị bị từ chối để không ghi đè ô mặc định`,
};
const en: typeof vi = {
  notObject: 'data value must be a JSON object',
  missing: (f) => `${f} is missing`,
  period: (p) => `period is not valid: ${p} (e.g. 2024, 2024S1, 2024Q1, 202403, 2024W1, 20240115)`,
  periodNoMatch: (p, type, range, ind, freq) =>
    `period ${p} (DHIS2 type ${type}${range}) matches no period of indicator ${ind} (frequency ${freq}); chiso never splits or merges periods on import`,
  ratioPlain: (c) => `ratio indicator: send the numerator as ${c}.NUM and the denominator as ${c}.DEN`,
  twice: 'duplicates another data value (same data element, org unit, period and combo)',
  value: 'value must be a number, string or true/false',
  followup: 'followup must be true or false',
  noUid: (what, scheme) => `chiso keeps no ${scheme} for ${what}: send codes (idScheme=CODE)`,
  attribute: (aoc) =>
    `attribute option combo ${aoc} does not exist in chiso (only the default combo does); the value is refused so that it never overwrites the default cell`,
};

export const dhis2Messages = (lang: Lang) => (lang === 'en' ? en : vi);

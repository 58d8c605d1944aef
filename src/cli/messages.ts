/** The CLI's own messages, Vietnamese first (English with --lang en). Row rules come from src/i18n. */
import { type Lang, type MessageKey, t } from '../i18n/index.js';

const vi = {
  dbOpenPg: 'Không mở được cơ sở dữ liệu PostgreSQL (DATABASE_URL): {{reason}}',
  dbOpenPglite:
    'Không mở được thư mục dữ liệu PGlite "{{dir}}": {{reason}}\nPGlite chỉ cho phép MỘT tiến trình dùng một thư mục dữ liệu: hãy dừng máy chủ chiso (npm start) hoặc tiến trình chiso khác đang dùng thư mục này rồi chạy lại.',
  dataDirLocked:
    'Thư mục dữ liệu "{{dir}}" đang được tiến trình {{pid}} sử dụng. PGlite chỉ cho phép MỘT tiến trình dùng một thư mục dữ liệu: hãy đợi tiến trình đó kết thúc (hoặc dừng nó) rồi chạy lại.',
  serverRunning:
    'Máy chủ chiso đang chạy ở cổng {{port}} với PGlite (thư mục "{{dir}}"). PGlite chỉ cho phép MỘT tiến trình dùng một thư mục dữ liệu: hãy dừng máy chủ, hoặc gửi dữ liệu qua API (npx chiso token create …), hoặc dùng PostgreSQL (DATABASE_URL). Dùng --force nếu máy chủ đó dùng thư mục khác.',
  noUser:
    'Không có người dùng "{{user}}" (hoặc tài khoản đã bị khóa). Hãy chạy máy chủ một lần (npm start) hoặc tạo bằng "chiso user create".',
  fileMissing: 'Không tìm thấy tệp "{{file}}".',
  rowError: 'dòng {{row}}, cột {{field}}: {{message}}',
  moreErrors: '… và {{count}} lỗi khác',
  unitsDone: 'Đơn vị: thêm mới {{created}}, cập nhật {{updated}}.',
  unitsRestructured:
    'Sắp xếp lại từ {{effective}}: {{created}} phiên bản mới, {{closed}} đơn vị đóng ngày hôm trước, {{unchanged}} giữ nguyên, {{updated}} đổi tên.',
  unitsRefused: 'Có lỗi trong tệp đơn vị; không dòng nào được ghi.',
  lineageReading: 'Đọc quan hệ kế thừa {{file}} (sắp xếp có hiệu lực ngày {{date}})…',
  lineageDone: 'Quan hệ kế thừa ngày {{date}}: đã ghi {{created}} dòng ({{assumed}} phần có tỷ lệ ước tính).',
  lineageRefused: 'Có lỗi trong tệp quan hệ kế thừa; không dòng nào được ghi.',
  indicatorsDone: 'Chỉ tiêu: thêm mới {{created}}.',
  indicatorsRefused:
    'Có {{count}} dòng lỗi trong tệp chỉ tiêu; không chỉ tiêu nào được ghi (toàn bộ hoặc không).',
  valuesDone:
    'Số liệu: {{rows}} dòng — thêm mới {{imported}}, cập nhật {{updated}}, không đổi {{unchanged}}, bị từ chối {{rejected}}.',
  valuesRefused:
    'Có {{rejected}} dòng lỗi trong {{rows}} dòng; không dòng nào được ghi (chế độ toàn bộ hoặc không; dùng --partial để ghi các dòng đúng).',
  exported: 'Đã xuất {{count}} giá trị vào {{file}}.',
  tokenCreated:
    'Đã tạo mã truy cập "{{name}}" (quyền {{scope}}{{expires}}) cho người dùng {{user}}. Mã chỉ hiển thị MỘT lần, hãy lưu lại:',
  badDate: '"{{value}}" không phải ngày hợp lệ (YYYY-MM-DD).',
  pastDate: 'Ngày hết hạn "{{value}}" đã qua; chọn một ngày sau hôm nay.',
  badChoice: '"{{value}}" không hợp lệ; chọn một trong: {{values}}.',
  userCreated: 'Đã tạo người dùng "{{user}}".',
  userExists: 'Người dùng "{{user}}" đã tồn tại.',
  passwordGenerated: 'Mật khẩu (chỉ hiển thị một lần): {{password}}',
  passwordWeak: 'Mật khẩu quá yếu: cần ít nhất 10 ký tự gồm cả chữ và số (hoặc ít nhất 16 ký tự).',
  passwordChanged: 'Đã đổi mật khẩu của "{{user}}"; các phiên đăng nhập cũ đã bị đóng.',
  unknownUnit: 'Không có đơn vị mã "{{value}}".',
  reading: 'Đọc',
};

const en: typeof vi = {
  dbOpenPg: 'Cannot open the PostgreSQL database (DATABASE_URL): {{reason}}',
  dbOpenPglite:
    'Cannot open the PGlite data folder "{{dir}}": {{reason}}\nPGlite allows ONE process per data folder: stop the chiso server (npm start) or any other chiso process using this folder, then run again.',
  dataDirLocked:
    'The data folder "{{dir}}" is in use by process {{pid}}. PGlite allows ONE process per data folder: wait for that process to end (or stop it), then run again.',
  serverRunning:
    'A chiso server is running on port {{port}} with PGlite (folder "{{dir}}"). PGlite allows ONE process per data folder: stop the server, or send the data through the API (npx chiso token create …), or use PostgreSQL (DATABASE_URL). Use --force if that server uses another folder.',
  noUser:
    'No user "{{user}}" (or the account is disabled). Start the server once (npm start) or create it with "chiso user create".',
  fileMissing: 'File "{{file}}" not found.',
  rowError: 'row {{row}}, column {{field}}: {{message}}',
  moreErrors: '… and {{count}} more errors',
  unitsDone: 'Org units: {{created}} created, {{updated}} updated.',
  unitsRestructured:
    'Restructuring from {{effective}}: {{created}} new versions, {{closed}} units closed the day before, {{unchanged}} unchanged, {{updated}} renamed.',
  unitsRefused: 'The unit file has errors; nothing was written.',
  lineageReading: 'Reading lineage {{file}} (restructuring effective {{date}})…',
  lineageDone:
    'Lineage effective {{date}}: {{created}} rows stored ({{assumed}} parts with an assumed share).',
  lineageRefused: 'The lineage file has errors; nothing was written.',
  indicatorsDone: 'Indicators: {{created}} created.',
  indicatorsRefused: '{{count}} bad rows in the indicator file; no indicator was written (all or nothing).',
  valuesDone:
    'Values: {{rows}} rows — {{imported}} new, {{updated}} updated, {{unchanged}} unchanged, {{rejected}} rejected.',
  valuesRefused:
    '{{rejected}} bad rows out of {{rows}}; nothing was written (all-or-nothing mode; use --partial to write the good rows).',
  exported: 'Exported {{count}} values to {{file}}.',
  tokenCreated:
    'Created API token "{{name}}" ({{scope}}{{expires}}) for user {{user}}. It is shown ONCE, keep it now:',
  badDate: '"{{value}}" is not a valid date (YYYY-MM-DD).',
  pastDate: 'The expiry date "{{value}}" has passed; choose a day after today.',
  badChoice: '"{{value}}" is not valid; choose one of: {{values}}.',
  userCreated: 'Created user "{{user}}".',
  userExists: 'User "{{user}}" already exists.',
  passwordGenerated: 'Password (shown once): {{password}}',
  passwordWeak:
    'Password too weak: at least 10 characters with letters and digits (or at least 16 characters).',
  passwordChanged: 'Changed the password of "{{user}}"; their sessions were closed.',
  unknownUnit: 'No org unit with code "{{value}}".',
  reading: 'Reading',
};

export type CliMessage = keyof typeof vi;

export function msg(lang: Lang, key: CliMessage, params: object = {}): string {
  return (lang === 'en' ? en : vi)[key].replace(/\{\{(\w+)\}\}/g, (_m, k: string) =>
    (params as Record<string, unknown>)[k] === undefined
      ? ''
      : String((params as Record<string, unknown>)[k]),
  );
}

export interface RowErrorLike {
  row: number;
  field: string;
  rule?: MessageKey;
  params?: Record<string, unknown>;
  message?: string;
}

/** One line per row error: row, column, message (the rule translated, or the given message). */
export function formatRowErrors(lang: Lang, errors: RowErrorLike[], limit = 200): string[] {
  const lines = errors.slice(0, limit).map((e) => {
    let message = e.message ?? '';
    if (e.rule) {
      const params: Record<string, unknown> = { ...(e.params ?? {}) };
      for (const [k, v] of Object.entries(e.params ?? {}))
        if (k.endsWith('Key') && typeof v === 'string') params[k.slice(0, -3)] = t(lang, v as MessageKey);
      message = t(lang, e.rule, params);
    }
    return `  ${msg(lang, 'rowError', { row: e.row, field: e.field || '-', message })}`;
  });
  if (errors.length > limit) lines.push(`  ${msg(lang, 'moreErrors', { count: errors.length - limit })}`);
  return lines;
}

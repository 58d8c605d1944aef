/** Messages of plans, targets and tasks (keys `plans.*`), Vietnamese and English. */
import { type Lang, type MessageKey, registerMessages, tx } from './index.js';

const vi: Record<string, string> = {
  'plans.word.plan': 'kế hoạch',
  'plans.word.target': 'mục tiêu',
  'plans.word.task': 'nhiệm vụ',
  'plans.invalid': 'Dữ liệu không hợp lệ: {{first}}',
  'plans.unknown_indicator': 'không có chỉ tiêu mã "{{value}}"',
  'plans.unknown_unit': 'không có đơn vị mã "{{value}}"',
  'plans.unknown_plan': 'không có kế hoạch mã "{{value}}"',
  'plans.unknown_target': 'không có mục tiêu số {{value}} trong kế hoạch {{plan}}',
  'plans.unknown_option': 'chỉ tiêu {{indicator}} không có phân tổ "{{value}}"',
  'plans.no_category': 'chỉ tiêu {{indicator}} không phân tổ',
  'plans.period': '"{{value}}" không phải kỳ hợp lệ (ví dụ 2024, 2024S1, 2024Q1, 2024M03)',
  'plans.period_frequency':
    'kỳ "{{value}}" không phù hợp chỉ tiêu {{indicator}} (báo cáo theo {{frequency}}); cần kỳ {{frequency}} hoặc dài hơn',
  'plans.deadline_after_baseline': 'kỳ hạn {{deadline}} phải sau kỳ gốc {{baseline}}',
  'plans.period_order': 'kỳ kết thúc {{to}} không được trước kỳ bắt đầu {{from}}',
  'plans.date_order': 'ngày bắt đầu {{start}} không được sau hạn hoàn thành {{due}}',
  'plans.outside_scope': 'đơn vị {{unit}} không thuộc phạm vi {{scope}} của kế hoạch',
  'plans.level': 'cấp {{level}} không sâu hơn cấp của đơn vị {{unit}} ({{unitLevel}})',
  'plans.no_units': 'không có đơn vị nào cấp {{level}}{{kind}} trong {{unit}}',
  'plans.thresholds': 'ngưỡng không hợp lệ: {{reason}}',
  'plans.date': '"{{value}}" không phải ngày hợp lệ (YYYY-MM-DD)',
  'plans.number': 'phải là một số',
  'plans.status.achieved': 'Đã đạt',
  'plans.status.on_track': 'Đúng tiến độ',
  'plans.status.at_risk': 'Có nguy cơ chậm',
  'plans.status.off_track': 'Chậm tiến độ',
  'plans.status.overdue': 'Quá hạn, chưa đạt',
  'plans.status.no_data': 'Chưa có số liệu',
  'plans.warning.target': '{{indicator}} tại {{unit}}: {{status}} (tiến độ {{pace}})',
  'plans.warning.task_overdue': 'Nhiệm vụ "{{title}}" ({{unit}}) quá hạn {{days}} ngày',
  'plans.warning.task_due': 'Nhiệm vụ "{{title}}" ({{unit}}) còn {{days}} ngày đến hạn {{due}}',
  'plans.warning.missing_data':
    '{{indicator}}: {{unit}} chưa có số liệu kỳ {{period}} ({{reported}}/{{expected}} đơn vị đã báo cáo)',
  'plans.extract.empty':
    'Văn bản trống: không có chữ nào để đọc. Hãy dán nội dung kế hoạch hoặc tải lên tệp .docx/.pdf có nội dung.',
  'plans.extract.too_long':
    'Văn bản quá dài ({{length}} ký tự; tối đa {{max}}). Hãy tách kế hoạch thành nhiều phần, mỗi phần một lần đọc.',
  'plans.extract.not_vietnamese':
    'Văn bản không phải tiếng Việt (hoặc không đọc được chữ): chỉ đọc được mục tiêu từ kế hoạch viết bằng tiếng Việt.',
  'plans.extract.no_text_layer':
    'Tệp PDF không có lớp chữ (có thể là bản quét hoặc ảnh chụp). Hãy dùng bản PDF xuất từ Word, tệp .docx, hoặc dán nội dung.',
  'plans.extract.broken_pdf':
    'Không mở được tệp PDF: tệp hỏng, có mật khẩu hoặc không phải PDF ({{reason}}).',
  'plans.extract.broken_docx':
    'Không mở được tệp .docx: tệp hỏng hoặc không phải tài liệu Word ({{reason}}).',
  'plans.extract.legacy_doc': 'Tệp .doc (Word 97–2003) chưa được hỗ trợ. Hãy lưu lại thành .docx hoặc PDF.',
  'plans.extract.unsupported':
    'Không đọc được loại tệp này. Hãy gửi văn bản thuần (UTF-8), tệp .docx hoặc PDF có lớp chữ.',
  'plans.extract.encoding': 'Văn bản không phải UTF-8 hợp lệ. Hãy lưu hoặc dán lại dưới dạng UTF-8.',
  'plans.extract.too_many_pages': 'Tệp PDF có {{pages}} trang; tối đa {{max}} trang mỗi lần đọc.',
};

const en: Record<string, string> = {
  'plans.word.plan': 'plan',
  'plans.word.target': 'target',
  'plans.word.task': 'task',
  'plans.invalid': 'Invalid input: {{first}}',
  'plans.unknown_indicator': 'no indicator with code "{{value}}"',
  'plans.unknown_unit': 'no org unit with code "{{value}}"',
  'plans.unknown_plan': 'no plan with code "{{value}}"',
  'plans.unknown_target': 'no target {{value}} in plan {{plan}}',
  'plans.unknown_option': 'indicator {{indicator}} has no option "{{value}}"',
  'plans.no_category': 'indicator {{indicator}} is not disaggregated',
  'plans.period': '"{{value}}" is not a valid period (e.g. 2024, 2024S1, 2024Q1, 2024M03)',
  'plans.period_frequency':
    'period "{{value}}" does not fit indicator {{indicator}} (reported by {{frequency}}); use a {{frequency}} or a longer period',
  'plans.deadline_after_baseline':
    'the deadline {{deadline}} must come after the baseline period {{baseline}}',
  'plans.period_order': 'the end period {{to}} must not come before the start period {{from}}',
  'plans.date_order': 'the start date {{start}} must not come after the due date {{due}}',
  'plans.outside_scope': 'unit {{unit}} is outside the plan scope {{scope}}',
  'plans.level': 'level {{level}} is not below the level of unit {{unit}} ({{unitLevel}})',
  'plans.no_units': 'there is no unit of level {{level}}{{kind}} inside {{unit}}',
  'plans.thresholds': 'invalid thresholds: {{reason}}',
  'plans.date': '"{{value}}" is not a valid date (YYYY-MM-DD)',
  'plans.number': 'must be a number',
  'plans.status.achieved': 'Achieved',
  'plans.status.on_track': 'On track',
  'plans.status.at_risk': 'At risk',
  'plans.status.off_track': 'Off track',
  'plans.status.overdue': 'Overdue, not achieved',
  'plans.status.no_data': 'No data',
  'plans.warning.target': '{{indicator}} at {{unit}}: {{status}} (pace {{pace}})',
  'plans.warning.task_overdue': 'Task "{{title}}" ({{unit}}) is {{days}} days overdue',
  'plans.warning.task_due': 'Task "{{title}}" ({{unit}}) is due in {{days}} days ({{due}})',
  'plans.warning.missing_data':
    '{{indicator}}: {{unit}} has no data for {{period}} ({{reported}} of {{expected}} units reported)',
  'plans.extract.empty':
    'The document is empty: there is no text to read. Paste the plan, or upload a .docx/.pdf with text.',
  'plans.extract.too_long':
    'The document is too long ({{length}} characters; at most {{max}}). Split the plan and read each part on its own.',
  'plans.extract.not_vietnamese':
    'The text is not Vietnamese (or no letters could be read): targets are read only from plans written in Vietnamese.',
  'plans.extract.no_text_layer':
    'The PDF has no text layer (probably a scan or a photo). Use a PDF exported from Word, the .docx, or paste the text.',
  'plans.extract.broken_pdf':
    'The PDF could not be opened: damaged, password-protected or not a PDF ({{reason}}).',
  'plans.extract.broken_docx': 'The .docx could not be opened: damaged or not a Word document ({{reason}}).',
  'plans.extract.legacy_doc': '.doc files (Word 97–2003) are not supported. Save it as .docx or PDF.',
  'plans.extract.unsupported':
    'This kind of file cannot be read. Send plain text (UTF-8), a .docx or a PDF with a text layer.',
  'plans.extract.encoding': 'The text is not valid UTF-8. Save or paste it again as UTF-8.',
  'plans.extract.too_many_pages': 'The PDF has {{pages}} pages; at most {{max}} are read at a time.',
};

registerMessages(vi, en);

/** A `plans.*` key as the error machinery's key type (registered above at import). */
export const pk = (key: string) => key as MessageKey;

export function ptx(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  return tx(lang, key, params);
}

/** Messages of periodic reporting (keys `reporting.*`), Vietnamese and English. */
import { registerMessages } from '../i18n/index.js';

export const REPORTING_VI: Record<string, string> = {
  'reporting.rule_locked':
    'số liệu đã được phê duyệt trong báo cáo, bị khóa; cần mở khóa báo cáo trước khi sửa',
  'reporting.rule_pending':
    'số liệu thuộc báo cáo đã gửi, đang chờ duyệt: chỉ người duyệt được sửa; hãy đề nghị trả lại báo cáo trước khi sửa',
  'reporting.form_not_found': 'Không tìm thấy biểu mẫu báo cáo "{{code}}".',
  'reporting.form_exists': 'Biểu mẫu báo cáo "{{code}}" đã tồn tại.',
  'reporting.form_invalid': 'Biểu mẫu không hợp lệ: {{reason}}',
  'reporting.period_invalid': 'Kỳ "{{period}}" không hợp lệ hoặc không phải kỳ {{type}} của biểu mẫu.',
  'reporting.unit_not_in_form':
    'Đơn vị {{unit}} không thuộc danh sách đơn vị báo cáo của biểu mẫu {{form}} kỳ {{period}}.',
  'reporting.forbidden_action': 'Bạn không có quyền thực hiện thao tác này với báo cáo của đơn vị {{unit}}.',
  'reporting.invalid_transition': 'Không thể {{action}} báo cáo đang ở trạng thái "{{status}}".',
  'reporting.locked_period': 'Kỳ báo cáo đã khóa từ ngày {{lockOn}}; liên hệ cơ quan thường trực để được mở.',
  'reporting.reason_required': 'Cần nêu lý do.',
  'reporting.not_editable':
    'Báo cáo của đơn vị {{unit}} kỳ {{period}} đang ở trạng thái "{{status}}", không sửa được.',
  'reporting.validation_failed': 'Báo cáo chưa đạt {{count}} quy tắc kiểm tra (lỗi); chưa gửi được.',
  'reporting.warnings_unconfirmed':
    'Báo cáo có {{count}} cảnh báo; xem lại và xác nhận (confirmWarnings) để gửi.',
  'reporting.missing_values': 'Còn {{count}} chỉ tiêu chưa nhập: {{cells}}.',
  'reporting.upload_invalid': 'Tệp có {{count}} lỗi; không dòng nào được ghi.',
  'reporting.upload_unreadable': 'Không đọc được tệp Excel: {{reason}}',
  'reporting.upload_sheet_missing': 'Tệp không có trang "{{sheet}}" của mẫu.',
  'reporting.cell_number': 'phải là một số',
  'reporting.cell_integer': 'phải là số nguyên không âm',
  'reporting.cell_boolean': 'phải là "Có" hoặc "Không" (1/0)',
  'reporting.cell_unknown_unit': 'đơn vị "{{value}}" không thuộc biểu mẫu',
  'reporting.cell_header': 'tiêu đề cột "{{value}}" không phải chỉ tiêu của biểu mẫu',
  'reporting.cell_duplicate_unit': 'đơn vị {{value}} xuất hiện hai lần',
  'reporting.cell_period': 'tệp lập cho kỳ {{value}}, không phải kỳ {{period}}',
  'reporting.holidays_invalid': 'Danh sách ngày nghỉ không hợp lệ: {{reason}}',
  'action.save': 'lưu',
  'action.submit': 'gửi',
  'action.approve': 'phê duyệt',
  'action.return': 'trả lại',
  'action.unlock': 'mở khóa',
  'status.draft': 'nháp',
  'status.submitted': 'đã gửi',
  'status.approved': 'đã duyệt',
  'status.returned': 'bị trả lại',
};

export const REPORTING_EN: Record<string, string> = {
  'reporting.rule_locked':
    'the value was approved in a report and is locked; unlock the report before changing it',
  'reporting.rule_pending':
    'the value belongs to a report submitted and waiting for review: only its reviewers may change it; ask for the report to be returned first',
  'reporting.form_not_found': 'Report form "{{code}}" not found.',
  'reporting.form_exists': 'Report form "{{code}}" already exists.',
  'reporting.form_invalid': 'Invalid report form: {{reason}}',
  'reporting.period_invalid': 'Period "{{period}}" is invalid or not a {{type}} period of the form.',
  'reporting.unit_not_in_form': 'Org unit {{unit}} does not report form {{form}} for {{period}}.',
  'reporting.forbidden_action': 'You may not do this with the report of org unit {{unit}}.',
  'reporting.invalid_transition': 'Cannot {{action}} a report in status "{{status}}".',
  'reporting.locked_period': 'The reporting period closed on {{lockOn}}; ask the secretariat to reopen it.',
  'reporting.reason_required': 'A reason is required.',
  'reporting.not_editable': 'The report of {{unit}} for {{period}} is "{{status}}" and cannot be changed.',
  'reporting.validation_failed': 'The report fails {{count}} validation rule(s) (errors); not submitted.',
  'reporting.warnings_unconfirmed':
    'The report has {{count}} warning(s); review and confirm (confirmWarnings) to submit.',
  'reporting.missing_values': '{{count}} indicator(s) have no value: {{cells}}.',
  'reporting.upload_invalid': 'The file has {{count}} error(s); nothing was written.',
  'reporting.upload_unreadable': 'Cannot read the Excel file: {{reason}}',
  'reporting.upload_sheet_missing': 'The file has no "{{sheet}}" sheet of the template.',
  'reporting.cell_number': 'must be a number',
  'reporting.cell_integer': 'must be a whole number ≥ 0',
  'reporting.cell_boolean': 'must be "Có" or "Không" (1/0)',
  'reporting.cell_unknown_unit': 'org unit "{{value}}" does not report this form',
  'reporting.cell_header': 'column header "{{value}}" is not an indicator of the form',
  'reporting.cell_duplicate_unit': 'org unit {{value}} appears twice',
  'reporting.cell_period': 'the file was made for {{value}}, not {{period}}',
  'reporting.holidays_invalid': 'Invalid holiday list: {{reason}}',
  'action.save': 'save',
  'action.submit': 'submit',
  'action.approve': 'approve',
  'action.return': 'return',
  'action.unlock': 'unlock',
  'status.draft': 'draft',
  'status.submitted': 'submitted',
  'status.approved': 'approved',
  'status.returned': 'returned',
};

registerMessages(REPORTING_VI, REPORTING_EN);

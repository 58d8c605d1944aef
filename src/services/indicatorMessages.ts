/** Messages of the indicator catalogue's update checks (keys `indicator.*`), Vietnamese and English. */
import { registerMessages } from '../i18n/index.js';

const vi: Record<string, string> = {
  'indicator.in_use':
    'Không thể sửa chỉ tiêu {{code}}: thay đổi {{fields}} sẽ làm {{count}} số liệu đã lưu không còn khớp với chỉ tiêu (mất khỏi tổng hợp). Hãy tạo chỉ tiêu mới, hoặc xóa/chuyển số liệu cũ trước.',
  'indicator.in_use.frequency': 'kỳ báo cáo {{from}} → {{to}}: {{count}} số liệu đã lưu theo kỳ {{from}}',
  'indicator.in_use.valueType': 'kiểu giá trị {{from}} → {{to}}: {{count}} số liệu đã lưu theo kiểu {{from}}',
  'indicator.in_use.category': 'phân tổ "{{from}}" → "{{to}}": {{count}} số liệu đã lưu theo phân tổ cũ',
  'indicator.in_use.formula':
    'đặt công thức biến chỉ tiêu thành chỉ tiêu tính toán: {{count}} số liệu đã nhập sẽ bị bỏ qua',
  'indicator.in_use.ratioScale':
    'hệ số tỷ lệ {{from}} → {{to}}: {{count}} số liệu đã lưu được tính theo hệ số {{from}}',
  'indicator.in_use.reportingKinds':
    'loại đơn vị báo cáo chỉ còn {{to}}: {{count}} số liệu đã lưu của đơn vị loại {{kinds}}',
  'indicator.code_mismatch': 'Mã chỉ tiêu trong nội dung ("{{given}}") khác mã trong địa chỉ ("{{code}}").',
};

const en: Record<string, string> = {
  'indicator.in_use':
    'Indicator {{code}} cannot be changed: changing {{fields}} would orphan {{count}} stored values (they would drop out of analytics). Create a new indicator, or delete/move the stored values first.',
  'indicator.in_use.frequency': 'frequency {{from}} → {{to}}: {{count}} stored values by {{from}}',
  'indicator.in_use.valueType': 'value type {{from}} → {{to}}: {{count}} stored values of type {{from}}',
  'indicator.in_use.category':
    'disaggregation "{{from}}" → "{{to}}": {{count}} stored values under the old disaggregation',
  'indicator.in_use.formula':
    'a formula makes the indicator derived: {{count}} entered values would be ignored',
  'indicator.in_use.ratioScale':
    'ratio scale {{from}} → {{to}}: {{count}} stored values were computed with scale {{from}}',
  'indicator.in_use.reportingKinds':
    'reporting kinds limited to {{to}}: {{count}} stored values of {{kinds}} units',
  'indicator.code_mismatch':
    'The indicator code in the body ("{{given}}") differs from the address ("{{code}}").',
};

registerMessages(vi, en);

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
};

registerMessages(vi, en);

/** A `plans.*` key as the error machinery's key type (registered above at import). */
export const pk = (key: string) => key as MessageKey;

export function ptx(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  return tx(lang, key, params);
}

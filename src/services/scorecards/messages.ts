/** Scorecard messages (Vietnamese and English), registered on load, and the not-found error. */

import { AppError } from '../../errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { registerMessages } from '../../i18n/index.js';

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const VI: Record<string, string> = {
  'scorecards.word.scorecard': 'bộ chỉ số',
  'scorecards.word.review': 'đợt sơ kết/tổng kết',
  'scorecards.error.invalid': 'Bộ chỉ số không hợp lệ: {{count}} lỗi.',
  'scorecards.error.no_version': 'Bộ chỉ số "{{code}}" chưa có định nghĩa áp dụng cho năm {{year}}.',
  'scorecards.error.period': 'Kỳ "{{period}}" không hợp lệ.',
  'scorecards.error.not_leaf': '"{{component}}" không phải là tiêu chí (lá) của bộ chỉ số.',
  'scorecards.error.not_ranked': 'Đơn vị "{{unit}}" không nằm trong danh sách được xếp hạng.',
  'scorecards.error.code': 'Mã bộ chỉ số "{{code}}" không hợp lệ (chữ, số, . _ -; tối đa 64 ký tự).',
  'scorecards.error.score': 'Điểm phải nằm trong khoảng 0–1.',
  'scorecards.rule.not_object': 'phải là một đối tượng JSON',
  'scorecards.rule.not_array': 'phải là một mảng',
  'scorecards.rule.name_required': 'cần có tên',
  'scorecards.rule.components_required': 'cần ít nhất một thành phần',
  'scorecards.rule.missing_rule': 'cách xử lý thiếu số liệu phải là một trong: {{allowed}}',
  'scorecards.rule.decimals': 'số chữ số thập phân phải là số nguyên 0–10',
  'scorecards.rule.cycle': 'thành phần lặp vòng (chứa chính nó)',
  'scorecards.rule.too_deep': 'cây quá sâu (tối đa {{max}} cấp)',
  'scorecards.rule.code': 'mã "{{code}}" không hợp lệ (chữ, số, . _ -; tối đa 64 ký tự)',
  'scorecards.rule.duplicate_code': 'mã "{{code}}" bị trùng (đã dùng ở {{other}})',
  'scorecards.rule.weight_number': 'trọng số của "{{code}}" phải là số',
  'scorecards.rule.weight_negative': 'trọng số của "{{code}}" không được âm',
  'scorecards.rule.weights_sum': 'tổng trọng số các thành phần cùng cấp phải bằng 1 (đang là {{sum}})',
  'scorecards.rule.indicator_on_branch': '"{{code}}" có thành phần con nên không gắn chỉ tiêu',
  'scorecards.rule.leaf_indicator': 'tiêu chí lá "{{code}}" phải gắn một chỉ tiêu',
  'scorecards.rule.unknown_indicator': 'chỉ tiêu "{{indicator}}" (của "{{code}}") không có trong danh mục',
  'scorecards.rule.scoring_required': 'cần cách chấm điểm (scoring)',
  'scorecards.rule.method': 'phương pháp chấm điểm phải là một trong: {{allowed}}',
  'scorecards.rule.polarity': 'chiều tốt phải là higher hoặc lower',
  'scorecards.rule.scale': 'hệ số chia phải là số dương',
  'scorecards.rule.target': 'cần giá trị mục tiêu (target) là số',
  'scorecards.rule.target_negative': 'giá trị mục tiêu không được âm',
  'scorecards.rule.direction': 'chiều ngưỡng phải là ascending hoặc descending',
  'scorecards.rule.tiers_required': 'cần danh sách ngưỡng (tiers)',
  'scorecards.rule.threshold': 'ngưỡng phải là số',
  'scorecards.rule.points': 'điểm của ngưỡng phải nằm trong 0–1',
  'scorecards.rule.tiers_duplicate': 'ngưỡng {{threshold}} bị trùng',
  'scorecards.flag.missing_zero': 'thiếu số liệu, tính 0 điểm',
  'scorecards.flag.missing_min': 'thiếu số liệu, tính điểm thấp nhất',
  'scorecards.flag.missing_excluded': 'thiếu số liệu, không tính tiêu chí này',
};

const EN: Record<string, string> = {
  'scorecards.word.scorecard': 'scorecard',
  'scorecards.word.review': 'review',
  'scorecards.error.invalid': 'Invalid scorecard: {{count}} problem(s).',
  'scorecards.error.no_version': 'Scorecard "{{code}}" has no definition in force for {{year}}.',
  'scorecards.error.period': 'Invalid period "{{period}}".',
  'scorecards.error.not_leaf': '"{{component}}" is not a leaf criterion of the scorecard.',
  'scorecards.error.not_ranked': 'Unit "{{unit}}" is not among the units ranked.',
  'scorecards.error.code': 'Invalid scorecard code "{{code}}" (letters, digits, . _ -; at most 64).',
  'scorecards.error.score': 'A score must lie between 0 and 1.',
  'scorecards.rule.not_object': 'must be a JSON object',
  'scorecards.rule.not_array': 'must be an array',
  'scorecards.rule.name_required': 'a name is required',
  'scorecards.rule.components_required': 'at least one component is required',
  'scorecards.rule.missing_rule': 'the missing-data rule must be one of: {{allowed}}',
  'scorecards.rule.decimals': 'decimals must be an integer 0–10',
  'scorecards.rule.cycle': 'the component contains itself (cycle)',
  'scorecards.rule.too_deep': 'the tree is too deep (at most {{max}} levels)',
  'scorecards.rule.code': 'code "{{code}}" is invalid (letters, digits, . _ -; at most 64)',
  'scorecards.rule.duplicate_code': 'code "{{code}}" is used twice (also at {{other}})',
  'scorecards.rule.weight_number': 'the weight of "{{code}}" must be a number',
  'scorecards.rule.weight_negative': 'the weight of "{{code}}" must not be negative',
  'scorecards.rule.weights_sum': 'sibling weights must sum to 1 (they sum to {{sum}})',
  'scorecards.rule.indicator_on_branch': '"{{code}}" has components, so it takes no indicator',
  'scorecards.rule.leaf_indicator': 'leaf "{{code}}" needs an indicator',
  'scorecards.rule.unknown_indicator': 'indicator "{{indicator}}" (of "{{code}}") is not in the catalogue',
  'scorecards.rule.scoring_required': 'a scoring method is required',
  'scorecards.rule.method': 'the scoring method must be one of: {{allowed}}',
  'scorecards.rule.polarity': 'polarity must be higher or lower',
  'scorecards.rule.scale': 'scale must be a positive number',
  'scorecards.rule.target': 'a numeric target is required',
  'scorecards.rule.target_negative': 'the target must not be negative',
  'scorecards.rule.direction': 'direction must be ascending or descending',
  'scorecards.rule.tiers_required': 'a list of tiers is required',
  'scorecards.rule.threshold': 'a threshold must be a number',
  'scorecards.rule.points': 'tier points must lie in 0–1',
  'scorecards.rule.tiers_duplicate': 'threshold {{threshold}} appears twice',
  'scorecards.flag.missing_zero': 'no data, scored 0',
  'scorecards.flag.missing_min': 'no data, scored the lowest score',
  'scorecards.flag.missing_excluded': 'no data, criterion left out',
};

registerMessages(VI, EN);

export const key = (k: string) => k as MessageKey;

export const scorecardNotFound = (code: string) =>
  new AppError(404, 'not_found', 'error.not_found', { whatKey: 'scorecards.word.scorecard', key: code });

/** The extraction pipeline end to end on sentences (the examples and their edge cases). */
import { describe, expect, it } from 'vitest';
import { extractPlanText } from './extract.js';
import { catalogueMatcher, meaningWords } from './match.js';

const CATALOGUE = [
  {
    code: 'DVCTT_TT',
    name: 'Tỷ lệ dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần',
    unit: '%',
  },
  { code: 'HSCV_T', name: 'Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng', unit: '%' },
  { code: 'HSCV_H', name: 'Tỷ lệ hồ sơ công việc tại cấp huyện được xử lý trên môi trường mạng', unit: '%' },
  { code: 'HSCV_X', name: 'Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng', unit: '%' },
  { code: 'DTI_RANK', name: 'Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)', unit: 'hạng' },
  { code: 'DTI_SCORE', name: 'Điểm chỉ số chuyển đổi số cấp tỉnh (DTI)', unit: 'điểm' },
  { code: 'KTS_GRDP', name: 'Tỷ trọng kinh tế số trong GRDP', unit: '%' },
  { code: 'BTS', name: 'Số trạm phát sóng thông tin di động (BTS 3G/4G/5G)', unit: 'trạm' },
  { code: 'TTHC_DD', name: 'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn', unit: '%' },
];

const x = (text: string) => extractPlanText(text, CATALOGUE);

describe('targets', () => {
  it('reads a goal with its deadline, value and indicator', () => {
    const { targets, results } = x(
      'Đến năm 2025, 100% dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần.',
    );
    expect(results).toEqual([]);
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      value: 100,
      unit: '%',
      comparator: '>=',
      deadline: '2025',
      scope: null,
      indicator: 'DVCTT_TT',
      sentence: 'Đến năm 2025, 100% dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần.',
    });
    expect(targets[0].confidence).toBeGreaterThan(0.5);
    expect(targets[0].subject).toBe('dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần');
  });

  it('gives one target per level, each matched to its level indicator', () => {
    const { targets } = x(
      'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% cấp huyện, 60% cấp xã.',
    );
    expect(targets.map((t) => [t.value, t.scope, t.indicator])).toEqual([
      [90, 'province', 'HSCV_T'],
      [80, 'district', 'HSCV_H'],
      [60, 'commune', 'HSCV_X'],
    ]);
    // the later numbers share the first one's subject
    expect(new Set(targets.map((t) => t.subject)).size).toBe(1);
  });

  it('gives several targets for one number naming several levels', () => {
    const { targets } = x(
      'Phấn đấu 100% hồ sơ công việc được xử lý trên môi trường mạng tại cấp tỉnh, huyện và xã.',
    );
    expect(targets.map((t) => t.scope)).toEqual(['province', 'district', 'commune']);
  });

  it('does not take a unit named in the subject for a scope', () => {
    const { targets } = x('Phấn đấu 60% trung tâm y tế cấp huyện triển khai hồ sơ sức khỏe điện tử.');
    expect(targets.map((t) => t.scope)).toEqual([null]);
  });

  it('reads a rank as at most', () => {
    const { targets } = x('Phấn đấu nằm trong nhóm 30 tỉnh dẫn đầu về chỉ số chuyển đổi số.');
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ value: 30, comparator: '<=', unit: 'hạng', indicator: 'DTI_RANK' });
  });

  it('reads a figure with no cue in a plan as a target, with its comparator', () => {
    const { targets } = x('Kinh tế số chiếm trên 10% GRDP.');
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ value: 10, comparator: '>', indicator: 'KTS_GRDP' });
  });

  it('carries the deadline and the mode from the sentences before', () => {
    const { targets } = x(
      'Mục tiêu đến năm 2030:\nKinh tế số chiếm 30% GRDP; 95% hồ sơ thủ tục hành chính được giải quyết đúng hạn.',
    );
    expect(targets.map((t) => [t.value, t.deadline, t.indicator])).toEqual([
      [30, '2030', 'KTS_GRDP'],
      [95, '2030', 'TTHC_DD'],
    ]);
  });

  it('reads ranges as their lower end and decreases as at most', () => {
    expect(x('Phấn đấu tỷ lệ đạt từ 80% đến 90%.').targets.map((t) => [t.value, t.comparator])).toEqual([
      [80, '>='],
    ]);
    expect(x('Phấn đấu giảm thời gian giải quyết xuống còn 5 ngày.').targets[0]).toMatchObject({
      value: 5,
      comparator: '<=',
      unit: 'ngày',
    });
  });
});

describe('results', () => {
  it('reads figures reached, with comparators and scales', () => {
    const { targets, results } = x(
      'Đến nay, toàn tỉnh có trên 3.000 trạm phát sóng; 1,2 triệu dân đã kích hoạt tài khoản định danh mức 2.',
    );
    expect(targets).toEqual([]);
    expect(results.map((r) => [r.value, r.comparator, r.unit])).toEqual([
      [3000, '>', 'trạm'],
      [1_200_000, '=', 'dân'],
    ]);
    expect(results[0].indicator).toBe('BTS');
    expect(results[0].subject).toBe('trạm phát sóng');
  });

  it('reads the period of a result', () => {
    const { results } = x(
      'Tính đến ngày 31/12/2023, tỷ lệ người dân có tài khoản định danh điện tử đạt 80,2%.',
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ value: 80.2, period: '2023M12' });
  });

  it('tells a result and a goal apart in one sentence', () => {
    const { targets, results } = x(
      'Đến nay đã đạt 70%, phấn đấu đến năm 2025 đạt 100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng.',
    );
    expect(results.map((r) => r.value)).toEqual([70]);
    expect(targets.map((t) => [t.value, t.deadline])).toEqual([[100, '2025']]);
  });

  it('carries the result mode to a paragraph with figures and no cue', () => {
    const { results, targets } = x(
      'Đến nay đã nhận 8 mẫu báo cáo.\nSố doanh nghiệp công nghệ số là 8.705/62.000 doanh nghiệp.',
    );
    expect(targets).toEqual([]);
    expect(results.map((r) => [r.value, r.subject])).toEqual([
      [8, 'mẫu báo cáo'],
      [8705, 'Số doanh nghiệp công nghệ số'],
    ]);
  });
});

describe('what is not read', () => {
  it('reads nothing from text without figures, dates, codes or furniture', () => {
    const text = [
      'Năm 2024 là năm bản lề thực hiện Nghị quyết số 05-NQ/TU đến năm 2025, định hướng đến năm 2030.',
      'Cập nhật: 04-05-2023 | 09:11:30',
      'Gửi file đính kèm không quá 10MB',
      'Tổng số điểm của bài viết là: 0 trong 0 đánh giá',
      'Hệ thống đang được triển khai giai đoạn 2 với mạng 4G/5G.',
    ].join('\n');
    expect(x(text)).toEqual({ targets: [], results: [] });
    expect(x('')).toEqual({ targets: [], results: [] });
  });

  it('offers no indicator when nothing in the catalogue means the subject', () => {
    const { targets } = x(
      'Phấn đấu 100% cơ sở giáo dục đại học có chương trình đào tạo về thương mại điện tử.',
    );
    expect(targets[0].indicator).toBeNull();
    expect(targets[0].confidence).toBe(0);
  });

  it('keeps the offsets of each sentence and quantity', () => {
    const text = 'Mở đầu.\nPhấn đấu đến năm 2025 có trên 50% người dân dùng dịch vụ công trực tuyến.';
    const [t] = x(text).targets;
    expect(text.slice(...t.at.sentence)).toBe(t.sentence);
    expect(text.slice(...t.at.quote)).toBe('trên 50%');
  });
});

describe('catalogue matching', () => {
  const m = catalogueMatcher(CATALOGUE);
  it('is blind to diacritics and case', () => {
    expect(m.match('TY LE HO SO CONG VIEC TAI CAP XA DUOC XU LY TREN MOI TRUONG MANG')?.code).toBe('HSCV_X');
  });
  it('reads abbreviations and synonyms by meaning', () => {
    expect(meaningWords('DVCTT toàn trình')).toEqual([
      'dich',
      'vu',
      'cong',
      'truc',
      'tuyen',
      'toan',
      'trinh',
    ]);
    expect(m.match('hồ sơ công việc cấp huyện xử lý trực tuyến', { unit: '%' })?.code).toBe('HSCV_H');
    expect(m.match('Top 10 về chỉ số CĐS', { rank: true })?.code).toBe('DTI_RANK');
    expect(m.match('điểm chỉ số CĐS', { rank: false })?.code).toBe('DTI_SCORE');
  });
  it('gives a confidence between 0 and 1 and nothing under the threshold', () => {
    const hit = m.match('tỷ lệ dịch vụ công trực tuyến toàn trình và một phần', { unit: '%' });
    expect(hit?.code).toBe('DVCTT_TT');
    expect(hit!.confidence).toBeGreaterThan(0.7);
    expect(hit!.confidence).toBeLessThanOrEqual(1);
    expect(m.match('du lịch biển đảo')).toBeNull();
    expect(catalogueMatcher([]).match('bất cứ gì')).toBeNull();
  });
});

/** Number, date and sentence reading of the plan-text pipeline, to the edge cases. */
import { describe, expect, it } from 'vitest';
import { maskDates, readDates } from './dates.js';
import { looksVietnamese } from './language.js';
import { parseVietnameseNumber, readNumbers } from './numbers.js';
import { reflowLines, splitClauses, splitSentences } from './sentences.js';

describe('parseVietnameseNumber', () => {
  it.each([
    ['4.500', 4500],
    ['1.039', 1039],
    ['1.200.000', 1200000],
    ['80,2', 80.2],
    ['0,125', 0.125],
    ['99.5', 99.5],
    ['1,200,000', 1200000],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['12', 12],
    ['007', 7],
  ])('%s → %d', (raw, n) => expect(parseVietnameseNumber(raw)).toBe(n));

  it.each(['4.50.0', '1,2,34', '1.', '', 'abc', '1..2', '1.234.5,6.7'])('refuses %j', (raw) =>
    expect(parseVietnameseNumber(raw)).toBeNull(),
  );
});

describe('readNumbers', () => {
  const one = (s: string) => {
    const all = readNumbers(s);
    expect(all, s).toHaveLength(1);
    return all[0];
  };

  it('scales by the words after the digits', () => {
    expect(one('đạt 86 triệu lượt').value).toBe(86_000_000);
    expect(one('có 1,2 triệu dân').value).toBe(1_200_000);
    expect(one('2.340 tỷ đồng').value).toBe(2_340_000_000_000);
    expect(one('45 nghìn doanh nghiệp').value).toBe(45_000);
    expect(one('3 ngàn tỷ').value).toBe(3e12);
  });

  it('reads percentages, glued units and counted nouns', () => {
    expect(one('đạt 80,2%')).toMatchObject({ value: 80.2, unit: '%', comparator: null });
    expect(one('đạt 50 phần trăm')).toMatchObject({ value: 50, unit: '%' });
    expect(one('tốc độ 114Mbps')).toMatchObject({ value: 114, unit: 'Mbps' });
    expect(one('có 184 điểm kết nối')).toMatchObject({ value: 184, unit: 'điểm' });
  });

  it('reads comparators before and after', () => {
    expect(one('trên 4.500 doanh nghiệp')).toMatchObject({ value: 4500, comparator: '>' });
    expect(one('hơn 580 tổ')).toMatchObject({ comparator: '>' });
    expect(one('ít nhất 70%').comparator).toBe('>=');
    expect(one('tối thiểu 90%').comparator).toBe('>=');
    expect(one('không dưới 60%').comparator).toBe('>=');
    expect(one('dưới 5%').comparator).toBe('<');
    expect(one('không quá 10 ngày').comparator).toBe('<=');
    expect(one('tối đa 3 ngày').comparator).toBe('<=');
    expect(one('xuống còn 5 ngày').comparator).toBe('<=');
    expect(one('đạt từ 50% trở lên').comparator).toBe('>=');
    expect(one('đạt 50% trở lên').comparator).toBe('>=');
    // "trên" not right before the number is no comparator
    expect(one('trên tổng số hồ sơ đạt 50%').comparator).toBeNull();
  });

  it('reads ranks as "at most"', () => {
    expect(one('nằm trong nhóm 30 tỉnh dẫn đầu')).toMatchObject({ value: 30, rank: true, comparator: '<=' });
    expect(one('đạt Top 10 cả nước')).toMatchObject({ value: 10, rank: true, unit: 'hạng' });
    expect(one('thuộc nhóm 10 địa phương đứng đầu')).toMatchObject({ value: 10, rank: true });
    expect(one('xếp thứ 12/63 tỉnh')).toMatchObject({ value: 12, of: 63, rank: true });
    // a group that is no ranking is no quantity
    expect(readNumbers('nhóm 3 giải pháp')).toHaveLength(0);
  });

  it('reads fractions as the part, keeping the whole', () => {
    expect(one('45 nghìn/65 nghìn doanh nghiệp')).toMatchObject({
      value: 45000,
      of: 65000,
      unit: 'doanh nghiệp',
    });
    expect(one('là 8.705/62.000 doanh nghiệp')).toMatchObject({ value: 8705, of: 62000 });
  });

  it('skips codes, labels, ages and durations', () => {
    for (const s of [
      'mạng 4G/5G',
      'Nghị quyết số 05-NQ/TU',
      'định danh mức 2',
      'dịch vụ công mức độ 4',
      'triển khai giai đoạn 2',
      'người từ 15 tuổi',
      'trong 6 tháng',
      'Công nghiệp 4.0 ở industry 4',
    ])
      expect(readNumbers(s), s).toEqual([]);
  });
});

describe('readDates', () => {
  const periods = (s: string) => readDates(s).map((d) => d.period);
  it('reads years, ranges, quarters, halves and days as periods', () => {
    expect(periods('Đến năm 2025, 100%')).toEqual(['2025']);
    expect(periods('giai đoạn 2023-2025')).toEqual(['2025']);
    expect(periods('từ năm 2023 đến năm 2025')).toEqual(['2025']);
    expect(periods('sơ kết vào quý IV- 2024')).toEqual(['2024Q4']);
    expect(periods('quý 2/2024')).toEqual(['2024Q2']);
    expect(periods('6 tháng đầu năm 2023')).toEqual(['2023S1']);
    expect(periods('6 tháng cuối năm 2023')).toEqual(['2023S2']);
    expect(periods('9 tháng năm 2024')).toEqual(['2024N9']);
    expect(periods('tháng 6/2024')).toEqual(['2024M06']);
    expect(periods('trước ngày 30-6-2023')).toEqual(['2023M06']);
    expect(periods('ngày 31 tháng 12 năm 2025')).toEqual(['2025M12']);
  });
  it('masks clock times and leaves quantities alone', () => {
    expect(periods('04-05-2023 | 09:11:30')).toEqual(['2023M05', null]);
    expect(periods('2.024 hồ sơ, 2024% , 2030 triệu')).toEqual([]);
    const text = 'Đến năm 2025, 100%';
    expect(maskDates(text, readDates(text))).toBe('Đến năm     , 100%');
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends, not inside numbers, abbreviations or initials', () => {
    const text = 'Có 4.500 doanh nghiệp tại TP. Thủ Dầu Một. Đạt 80.2% kế hoạch! Ảnh: A.X\nDòng hai; vế hai';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'Có 4.500 doanh nghiệp tại TP. Thủ Dầu Một.',
      'Đạt 80.2% kế hoạch!',
      'Dòng hai; vế hai',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
    expect(s.map((x) => x.paragraph)).toEqual([1, 1, 2]);
  });
  it('drops e-portal furniture', () => {
    const text =
      'Cập nhật: 04-05-2023 | 09:11:30\nChia sẻ bài viết\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\nẢnh hưởng tích cực.';
    expect(splitSentences(text).map((x) => x.text)).toEqual(['Ảnh hưởng tích cực.']);
  });
  it('splits clauses at semicolons with their offsets', () => {
    expect(splitClauses('a 1; b 2;; c')).toEqual([
      { text: 'a 1', start: 0 },
      { text: ' b 2', start: 4 },
      { text: ' c', start: 10 },
    ]);
  });
});

describe('looksVietnamese', () => {
  it('knows Vietnamese with and without diacritics', () => {
    expect(looksVietnamese('Phấn đấu đến năm 2025, 100% dịch vụ công trực tuyến toàn trình.')).toBe(true);
    expect(looksVietnamese('Phan dau den nam 2025, ty le ho so cong viec cua tinh dat 90%.')).toBe(true);
  });
  it('refuses other languages, symbols and scraps', () => {
    expect(
      looksVietnamese('The province aims to digitise all of its records by 2025 and to lead the ranking.'),
    ).toBe(false);
    expect(
      looksVietnamese('Die Provinz will bis 2025 alle Verwaltungsverfahren vollständig online anbieten.'),
    ).toBe(false);
    expect(looksVietnamese('100% 2025 ---- 90% 80% 60%')).toBe(false);
    expect(looksVietnamese('Xin chào')).toBe(false);
  });
});

describe('reflowLines', () => {
  it('joins lines broken inside a sentence, keeps headings, lists and paragraphs', () => {
    expect(
      reflowLines(
        'Phấn đấu đến năm 2025, 100% hồ sơ\ncông việc được xử lý trực tuyến.\nMục tiêu:\n- 90% cấp tỉnh\n\nhết',
      ),
    ).toBe(
      'Phấn đấu đến năm 2025, 100% hồ sơ công việc được xử lý trực tuyến.\nMục tiêu:\n- 90% cấp tỉnh\n\nhết',
    );
    expect(reflowLines('a\r\nb')).toBe('a b');
  });
});

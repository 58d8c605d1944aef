/**
 * Our own labels for the extraction, on the three seed articles in ../shared/seeds (read at run
 * time, never copied here: only a snippet naming each sentence) and on a few sentences of our own
 * written in the style of provincial plans. Every sentence with a figure that is a stated goal or
 * a reached result is labelled; sentences not named here should yield nothing.
 *
 * Tuned: the rules were developed against seed 000 and the first three target paragraphs of seed
 * 002. Held out (labelled before the extractor was run on them): the last target paragraph of
 * seed 002, all of seed 004 (results), and UNSEEN below. Labels: [kind, value, comparator, scope,
 * deadline year]; a target with no stated deadline has null (not checked); the comparator of a
 * target with no comparator word is ">=" (a result: "=").
 */
import { addScores, type LabelGroup, type Score, scoreExtraction } from './evaluate.js';
import { extractPlanText } from './extract.js';

export interface SeedLabels {
  file: string;
  /** Groups the rules were tuned on. */
  tuned: LabelGroup[];
  /** Groups kept out of tuning. */
  heldOut: LabelGroup[];
}

export const SEED_LABELS: SeedLabels[] = [
  {
    file: '000_2522a76558042389.txt',
    tuned: [
      { sentence: 'phấn đấu đạt Top 10 cả nước', expect: [['T', 10, '<=', null, null]] },
      {
        sentence: 'Mục tiêu là phấn đấu đưa tỉnh Bình Dương đạt Top 10',
        expect: [['T', 10, '<=', null, null]],
      },
      {
        sentence: 'đảm bảo 100% hồ sơ thủ tục hành chính đủ điều kiện',
        expect: [['T', 100, '>=', null, 2024]],
      },
      { sentence: 'Phấn đấu trong năm 2024, 100% người dân', expect: [['T', 100, '>=', null, 2024]] },
      {
        sentence: 'Trong đó sẽ có trên 50% người dân',
        expect: [
          ['T', 50, '>', null, 2024],
          ['T', 100, '>=', null, 2024],
        ],
      },
      { sentence: 'Toàn tỉnh hiện có 45 nghìn/65 nghìn', expect: [['R', 45000, '=']] },
      {
        sentence: 'Hỗ trợ thúc đẩy chuyển đổi số 100% cơ sở giáo dục',
        expect: [
          ['T', 100, '>=', null, null],
          ['T', 60, '>=', null, null],
        ],
      },
      {
        sentence: 'đã có 1,2 triệu dân đã kích hoạt',
        expect: [
          ['R', 1200000, '='],
          ['R', 70, '='],
          ['R', 8, '='],
        ],
      },
    ],
    heldOut: [],
  },
  {
    file: '002_00ba0beadef377cb.txt',
    tuned: [
      {
        sentence: 'năm 2023, 100% các cơ quan, đơn vị, địa phương ban hành',
        expect: [['T', 100, '>=', null, 2023]],
      },
      {
        sentence: 'Toàn tỉnh phấn đấu đến năm 2025, 100% dịch vụ công',
        expect: [
          ['T', 100, '>=', null, 2025],
          ['T', 100, '>=', null, 2025],
          ['T', 10, '<=', null, 2025],
        ],
      },
      {
        sentence: 'Kinh tế số chiếm 20% GRDP',
        expect: [
          ['T', 20, '>=', null, 2025],
          ['T', 10, '>=', null, 2025],
          ['T', 7, '>=', null, 2025],
          ['T', 50, '>=', null, 2025],
          ['T', 50, '>=', null, 2025],
          ['T', 99, '>', null, 2025],
          ['T', 100, '>=', null, 2025],
          ['T', 50, '>', null, 2025],
          ['T', 100, '>=', null, 2025],
        ],
      },
    ],
    heldOut: [
      {
        sentence:
          'Tỷ lệ hồ sơ giải quyết theo dịch vụ công trực tuyến toàn trình và một phần trên tổng số hồ sơ',
        expect: [
          ['T', 50, '>=', null, 2025],
          ['T', 90, '>=', null, 2025],
          ['T', 50, '>=', null, 2025],
          ['T', 60, '>=', null, 2025],
          ['T', 90, '>=', 'province', 2025],
          ['T', 80, '>=', 'district', 2025],
          ['T', 60, '>=', 'commune', 2025],
        ],
      },
    ],
  },
  {
    file: '004_6a19f49d6672f24e.txt',
    tuned: [],
    heldOut: [
      {
        sentence: 'toàn tỉnh có trên 3.000 trạm',
        expect: [
          ['R', 3000, '>'],
          ['R', 50, '='],
          ['R', 114, '='],
        ],
      },
      { sentence: 'hơn 184 điểm kết nối', expect: [['R', 184, '>']] },
      {
        sentence: 'hơn 1.039 chỉ số',
        expect: [
          ['R', 1039, '>'],
          ['R', 27, '='],
        ],
      },
      { sentence: 'đã nhận 8 mẫu báo cáo', expect: [['R', 8, '=']] },
      { sentence: 'là 8.705/62.000 doanh nghiệp', expect: [['R', 8705, '=']] },
      {
        sentence: 'ký kết hợp tác với 7 đơn vị',
        expect: [
          ['R', 7, '='],
          ['R', 10000, '>'],
        ],
      },
      {
        sentence: 'hiện nay có 82% người từ 15 tuổi',
        expect: [
          ['R', 82, '='],
          ['R', 89, '='],
        ],
      },
      {
        sentence: 'Đến nay có hơn 580 tổ',
        expect: [
          ['R', 580, '>'],
          ['R', 3300, '>'],
        ],
      },
    ],
  },
];

/**
 * Sentences of our own in the style of provincial plans and reports (each read as a document of
 * its own), labelled before the extractor saw them.
 */
export const UNSEEN: Array<{ text: string; expect: LabelGroup['expect'] }> = [
  {
    text: 'Đến năm 2025, 80% dịch vụ công trực tuyến mức độ 4 được tích hợp lên Cổng Dịch vụ công quốc gia.',
    expect: [['T', 80, '>=', null, 2025]],
  },
  {
    text: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% ở cấp huyện và 60% ở cấp xã.',
    expect: [
      ['T', 90, '>=', 'province', null],
      ['T', 80, '>=', 'district', null],
      ['T', 60, '>=', 'commune', null],
    ],
  },
  {
    text: 'Phấn đấu đến năm 2030, tỉnh nằm trong nhóm 30 tỉnh, thành phố dẫn đầu cả nước về chỉ số chuyển đổi số.',
    expect: [['T', 30, '<=', null, 2030]],
  },
  { text: 'Kinh tế số chiếm trên 10% GRDP vào năm 2025.', expect: [['T', 10, '>', null, 2025]] },
  {
    text: 'Năm 2023, toàn tỉnh đã có 86 triệu lượt truy cập Cổng thông tin điện tử.',
    expect: [['R', 86000000, '=']],
  },
  {
    text: 'Tỷ lệ người dân có tài khoản định danh điện tử đạt 80,2% tính đến hết tháng 6/2024.',
    expect: [['R', 80.2, '=']],
  },
  { text: 'Hiện nay, toàn tỉnh có trên 4.500 doanh nghiệp công nghệ số.', expect: [['R', 4500, '>']] },
  {
    text: 'Phấn đấu giảm thời gian giải quyết thủ tục hành chính xuống còn 5 ngày.',
    expect: [['T', 5, '<=', null, null]],
  },
  {
    text: 'Mục tiêu đến năm 2025: tối thiểu 70% cán bộ, công chức, viên chức được bồi dưỡng kỹ năng số.',
    expect: [['T', 70, '>=', null, 2025]],
  },
  {
    text: 'Tốc độ truy cập băng rộng cố định trung bình đạt trên 100 Mb/s vào năm 2025.',
    expect: [['T', 100, '>', null, 2025]],
  },
  {
    text: 'Trong năm 2023, tỉnh đã cấp hơn 12.000 chứng thư số cho cán bộ, công chức.',
    expect: [['R', 12000, '>']],
  },
  {
    text: 'Tính đến ngày 31/12/2023, toàn tỉnh có 1.250 tổ công nghệ số cộng đồng với 7.800 thành viên.',
    expect: [
      ['R', 1250, '='],
      ['R', 7800, '='],
    ],
  },
  {
    text: 'Phấn đấu 100% hồ sơ thủ tục hành chính được số hóa kết quả giải quyết; tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa đạt tối thiểu 50%.',
    expect: [
      ['T', 100, '>=', null, null],
      ['T', 50, '>=', null, null],
    ],
  },
  {
    text: 'Đến hết năm 2024, 95% văn bản đi của cơ quan nhà nước được ký số, trừ văn bản mật.',
    expect: [['T', 95, '>=', null, 2024]],
  },
  {
    text: 'Doanh thu thương mại điện tử năm 2023 đạt được 2.340 tỷ đồng, tăng 15% so với cùng kỳ.',
    expect: [
      ['R', 2340e9, '='],
      ['R', 15, '='],
    ],
  },
  { text: 'Năm 2022, chỉ số DTI của tỉnh xếp thứ 12/63 tỉnh, thành phố.', expect: [['R', 12, '=']] },
  {
    text: 'Phấn đấu đến năm 2025, chỉ số DTI của tỉnh tăng ít nhất 5 bậc so với năm 2022.',
    expect: [['T', 5, '>=', null, 2025]],
  },
];

/**
 * Precision and recall on the tuned and on the held-out labels; `readSeed` gives a seed article's
 * text (null when ../shared is absent: the seeds are then left out and only UNSEEN is scored).
 * Items read from a sentence count towards the part that labels it.
 */
export function scoreLabelled(readSeed: (file: string) => string | null): { tuned: Score; heldOut: Score } {
  const tuned: Score[] = [];
  const held: Score[] = [];
  for (const s of SEED_LABELS) {
    const text = readSeed(s.file);
    if (text === null) continue;
    const x = extractPlanText(text);
    const inHeld = (sentence: string) => s.heldOut.some((g) => sentence.includes(g.sentence));
    const part = (keep: (sentence: string) => boolean) => ({
      targets: x.targets.filter((t) => keep(t.sentence)),
      results: x.results.filter((r) => keep(r.sentence)),
    });
    tuned.push(
      scoreExtraction(
        part((t) => !inHeld(t)),
        s.tuned,
      ),
    );
    held.push(scoreExtraction(part(inHeld), s.heldOut));
  }
  for (const u of UNSEEN)
    held.push(scoreExtraction(extractPlanText(u.text), [{ sentence: u.text, expect: u.expect }]));
  return { tuned: addScores(tuned), heldOut: addScores(held) };
}

/** "precision 0.98 (42/43), recall 0.98 (42/43)" */
export function describeScore(s: Score): string {
  const found = s.truePositives + s.falsePositives;
  const labelled = s.truePositives + s.falseNegatives;
  return `precision ${s.precision.toFixed(2)} (${s.truePositives}/${found}), recall ${s.recall.toFixed(2)} (${s.truePositives}/${labelled})`;
}

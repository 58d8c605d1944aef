/**
 * Units of measure are stored as Vietnamese words ("hồ sơ", "doanh nghiệp"); in English they are shown
 * translated. A unit not in the list is shown as stored.
 */
const EN: Record<string, string> = {
  'có/không': 'yes/no',
  lượt: 'times',
  hạng: 'rank',
  điểm: 'points',
  'tỷ đồng': 'billion VND',
  'triệu đồng': 'million VND',
  đồng: 'VND',
  'hồ sơ': 'applications',
  trạm: 'stations',
  'lượt người': 'visits',
  'doanh nghiệp': 'enterprises',
  'văn bản': 'documents',
  'tài khoản': 'accounts',
  'phản ánh': 'reports',
  người: 'people',
  'dịch vụ': 'services',
  camera: 'cameras',
  'đơn vị': 'units',
  'điểm đến': 'destinations',
  'điểm kết nối': 'connection points',
  tổ: 'teams',
  'tài liệu': 'documents',
  'tuyến đường': 'roads',
  'thủ tục': 'procedures',
  'thành phần': 'components',
  'sự cố': 'incidents',
  'sản phẩm': 'products',
  'sáng kiến': 'initiatives',
  phiếu: 'forms',
  'nhiệm vụ': 'tasks',
  'người/tổ': 'people/team',
  ngày: 'days',
  'mẫu báo cáo': 'report templates',
  'mô hình': 'models',
  'lĩnh vực': 'fields',
  'khu công nghiệp': 'industrial parks',
  hộ: 'households',
  giờ: 'hours',
  'giao dịch': 'transactions',
  'cơ sở dữ liệu': 'databases',
  'cuộc họp': 'meetings',
  'chữ ký số': 'digital signatures',
  chợ: 'markets',
  'chỉ số': 'indices',
  'bộ dữ liệu': 'datasets',
  'bệnh viện': 'hospitals',
  xã: 'communes',
  'thiết bị': 'devices',
};

/** "hồ sơ" → "applications" in English; as stored in Vietnamese (and for unknown units). */
export function unitLabel(unit: string | null | undefined, lang: string): string {
  if (!unit) return '';
  if (lang !== 'en') return unit;
  return EN[unit.trim().toLowerCase()] ?? unit;
}

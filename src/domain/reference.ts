/**
 * Reference lists every installation starts with (written by services/bootstrap.ts on each start,
 * used by the demo catalogue too): the fields (lĩnh vực) indicators are filed under. The pillars
 * (trụ cột) are a closed list the rules use, so they live in domain/catalog.ts (PILLARS, PILLAR_NAMES).
 */

export interface Field {
  code: string;
  name: string;
  nameEn: string;
}

/** Lĩnh vực. Codes are English snake_case. */
export const FIELDS: Field[] = [
  {
    code: 'public_admin',
    name: 'Cải cách hành chính, dịch vụ công',
    nameEn: 'Public administration and services',
  },
  { code: 'health', name: 'Y tế', nameEn: 'Health' },
  { code: 'education', name: 'Giáo dục và đào tạo', nameEn: 'Education and training' },
  { code: 'transport', name: 'Giao thông vận tải', nameEn: 'Transport' },
  {
    code: 'agriculture',
    name: 'Nông nghiệp và phát triển nông thôn',
    nameEn: 'Agriculture and rural development',
  },
  { code: 'industry', name: 'Công nghiệp', nameEn: 'Industry' },
  { code: 'trade', name: 'Thương mại', nameEn: 'Trade and e-commerce' },
  { code: 'finance', name: 'Tài chính', nameEn: 'Finance' },
  { code: 'banking', name: 'Ngân hàng, thanh toán', nameEn: 'Banking and payments' },
  { code: 'tourism', name: 'Du lịch', nameEn: 'Tourism' },
  { code: 'environment', name: 'Tài nguyên và môi trường', nameEn: 'Natural resources and environment' },
  { code: 'land', name: 'Đất đai', nameEn: 'Land' },
  { code: 'construction', name: 'Xây dựng', nameEn: 'Construction' },
  { code: 'urban', name: 'Quy hoạch và quản lý đô thị', nameEn: 'Urban planning and management' },
  {
    code: 'labour',
    name: 'Lao động, việc làm và an sinh xã hội',
    nameEn: 'Labour, employment and social protection',
  },
  { code: 'culture', name: 'Văn hóa, thể thao', nameEn: 'Culture and sport' },
  { code: 'justice', name: 'Tư pháp', nameEn: 'Justice' },
  { code: 'home_affairs', name: 'Nội vụ', nameEn: 'Home affairs' },
  { code: 'information', name: 'Thông tin và truyền thông', nameEn: 'Information and communications' },
  { code: 'digital_infrastructure', name: 'Hạ tầng số', nameEn: 'Digital infrastructure' },
  { code: 'information_security', name: 'An toàn thông tin mạng', nameEn: 'Information security' },
  { code: 'data', name: 'Dữ liệu và điều hành thông minh', nameEn: 'Data and intelligent operations' },
  { code: 'security', name: 'An ninh, trật tự', nameEn: 'Public security' },
  { code: 'planning', name: 'Kế hoạch và đầu tư', nameEn: 'Planning and investment' },
  { code: 'logistics', name: 'Dịch vụ logistics', nameEn: 'Logistics' },
  { code: 'science', name: 'Khoa học và công nghệ', nameEn: 'Science and technology' },
];

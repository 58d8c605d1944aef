/**
 * The provincial Digital Transformation Index (DTI) structure of Decision 922/QĐ-BTTTT
 * (20/5/2022, Bộ Thông tin và Truyền thông): five foundation indexes (digital awareness,
 * institutions, infrastructure, human resources, cyber-security) weighted 0.1 each, digital
 * government activity 0.2, digital economy activity 0.15 and digital society activity 0.15.
 * Each component index is published on a 0..1 scale, so every leaf scores its value as it is
 * (`value`), and the total — rounded to 4 decimals — is the published DTI.
 */
import type { ScorecardDef } from '../scoring.js';

export interface DtiComponent {
  code: string;
  name: string;
  nameEn: string;
  pillar: 'foundation' | 'government' | 'economy' | 'society';
  weight: number;
  /** The indicator code the demo uses for the component index. */
  indicator: string;
}

export const DTI2022_COMPONENTS: DtiComponent[] = [
  {
    code: 'NHAN_THUC',
    name: 'Chỉ số Nhận thức số',
    nameEn: 'Digital awareness',
    pillar: 'foundation',
    weight: 0.1,
    indicator: 'DTI_NHAN_THUC',
  },
  {
    code: 'THE_CHE',
    name: 'Chỉ số Thể chế số',
    nameEn: 'Digital institutions',
    pillar: 'foundation',
    weight: 0.1,
    indicator: 'DTI_THE_CHE',
  },
  {
    code: 'HA_TANG',
    name: 'Chỉ số Hạ tầng số',
    nameEn: 'Digital infrastructure',
    pillar: 'foundation',
    weight: 0.1,
    indicator: 'DTI_HA_TANG',
  },
  {
    code: 'NHAN_LUC',
    name: 'Chỉ số Nhân lực số',
    nameEn: 'Digital human resources',
    pillar: 'foundation',
    weight: 0.1,
    indicator: 'DTI_NHAN_LUC',
  },
  {
    code: 'ATTT',
    name: 'Chỉ số An toàn thông tin mạng',
    nameEn: 'Cyber-security',
    pillar: 'foundation',
    weight: 0.1,
    indicator: 'DTI_ATTT',
  },
  {
    code: 'CQS',
    name: 'Chỉ số Hoạt động chính quyền số',
    nameEn: 'Digital government activity',
    pillar: 'government',
    weight: 0.2,
    indicator: 'DTI_CQS',
  },
  {
    code: 'KTS',
    name: 'Chỉ số Hoạt động kinh tế số',
    nameEn: 'Digital economy activity',
    pillar: 'economy',
    weight: 0.15,
    indicator: 'DTI_KTS',
  },
  {
    code: 'XHS',
    name: 'Chỉ số Hoạt động xã hội số',
    nameEn: 'Digital society activity',
    pillar: 'society',
    weight: 0.15,
    indicator: 'DTI_XHS',
  },
];

/** The DTI 2022 provincial scorecard; `indicatorOf` maps a component to the indicator that carries it. */
export function dti2022Template(indicatorOf: (c: DtiComponent) => string = (c) => c.indicator): ScorecardDef {
  return {
    name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI) – Quyết định 922/QĐ-BTTTT',
    weightsSumToOne: true,
    decimals: 4,
    missing: 'zero',
    components: DTI2022_COMPONENTS.map((c) => ({
      code: c.code,
      name: c.name,
      weight: c.weight,
      indicator: indicatorOf(c),
      scoring: { method: 'value' as const },
    })),
  };
}

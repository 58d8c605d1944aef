export interface ScorecardSummary {
  code: string;
  name: string;
  versions: Array<number | null>;
}

export interface RankingComponent {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  weight: number;
  parent: string | null;
  missing?: boolean;
  indicator?: string;
  value?: number | null;
}

export interface RankingItem {
  orgUnit: string;
  name: string;
  score: number;
  rank: number;
  components: RankingComponent[];
  previousRank: number | null;
  rankChange: number | null;
  scoreChange: number | null;
  flags: Array<{ component: string; indicator: string; rule: string }>;
}

export interface Ranking {
  scorecard: string;
  name: string;
  period: string;
  components: Array<{ code: string; name: string; weight: number; parent: string | null }>;
  items: RankingItem[];
}

export interface AdviceResult {
  unit: string;
  name: string;
  rank: number;
  score: number;
  top: number;
  inTop: boolean;
  benchmark: { unit: string; name: string; score: number; rank: number } | null;
  gap: number;
  components: Array<{
    code: string;
    name: string;
    score: number;
    effectiveWeight: number;
    available: number;
  }>;
  plan: string[];
  reachable: boolean;
}

export interface ReviewSummary {
  id: number;
  scorecard: string;
  kind: 'interim' | 'final';
  title: string;
  date: string;
  period: string;
  units: number;
  leader: { orgUnit: string; name: string } | null;
}

export interface ScorecardSummary {
  code: string;
  name: string;
  versions: Array<number | null>;
  /** What the user may do with this scorecard (the server's rules). */
  abilities?: { update: boolean; assess: boolean; appraise: boolean; freezeReview: boolean };
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

export interface ReviewComparison {
  a: { id: number; title: string; kind: string; date: string; period: string; scorecard: string };
  b: { id: number; title: string; kind: string; date: string; period: string; scorecard: string };
  items: Array<{
    orgUnit: string;
    name: string;
    a: { score: number; rank: number } | null;
    b: { score: number; rank: number } | null;
    /** Places gained from a to b. */
    rankChange: number | null;
    scoreChange: number | null;
  }>;
}

interface AssessmentPart {
  score: number | null;
  by: string | null;
  at: string | null;
}

export interface AssessmentItem {
  component: string;
  name: string;
  path: string[] | string;
  weight: number;
  effectiveWeight: number;
  indicator: string | null;
  value: number | null;
  computed: number | null;
  self: AssessmentPart & { evidence: string | null; url: string | null };
  appraised: AssessmentPart & { note: string | null };
  final: AssessmentPart & { note: string | null };
  used: number | null;
}

export interface Assessments {
  scorecard: string;
  orgUnit: string;
  name: string;
  period: string;
  items: AssessmentItem[];
  /** What the user may do with this unit's assessment (the server's rules). */
  abilities: { assess: boolean; appraise: boolean };
}

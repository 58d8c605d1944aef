/**
 * Scorecards (bộ chỉ số đánh giá): definitions versioned by year, rankings computed at query time
 * from the stored values (exact aggregates of services/analytics computeCells), change from the
 * previous period, advice to reach the Top N, and self-assessment / appraisal of leaves.
 * The code lives in services/scorecards/ (definitions.ts, ranking.ts, assessments.ts, messages.ts);
 * this file is the module's public face.
 */
export * from './scorecards/assessments.js';
export * from './scorecards/definitions.js';
export { scorecardNotFound } from './scorecards/messages.js';
export * from './scorecards/ranking.js';

/**
 * Plans (kế hoạch), targets (mục tiêu) and tasks (nhiệm vụ): validate, authorise, store with an
 * audit trail, and compute each target's progress as of a date (src/domain/progress.ts) from the
 * exact aggregates of src/services/analytics.ts. The code lives in src/services/plans/, one file
 * per concept; this file is the module's public face (routes, the demo and the digest import it).
 */
export {
  PLAN_STATUSES,
  type PlanInput,
  planInput,
  planPatch,
  storedPeriod,
  TASK_STATUSES,
  type TargetInput,
  type TaskInput,
  THRESHOLDS_KEY,
  targetInput,
  targetPatch,
  taskInput,
  taskPatch,
  thresholdsInput,
} from './plans/common.js';
export * from './plans/plans.js';
export * from './plans/progress.js';
export * from './plans/targets.js';
export * from './plans/tasks.js';
export * from './plans/warnings.js';

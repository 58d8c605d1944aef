/**
 * API response types inferred from the server's zod schemas (src/server/routes/api/<resource>/schema.ts),
 * so a shape is written once. Type-only imports: Vite erases them, no server code reaches the browser.
 */
import type { z } from 'zod';
import type { meResponse } from '../../../src/server/routes/api/auth/schema';
import type { entryShape, formShape, stateShape } from '../../../src/server/routes/api/forms/schema';
import type { indicatorShape } from '../../../src/server/routes/api/indicators/schema';
import type { unitShape } from '../../../src/server/routes/api/org-units/schema';
import type { extractionShape, planShape } from '../../../src/server/routes/api/plans/schema';
import type {
  targetDefinitionShape,
  targetDetailShape,
  targetItemShape,
} from '../../../src/server/routes/api/targets/schema';
import type { taskDetailShape, taskShape } from '../../../src/server/routes/api/tasks/schema';

export type ApiMe = z.infer<typeof meResponse>;
export type ApiPlan = z.infer<typeof planShape>;
export type ApiPlanExtraction = z.infer<typeof extractionShape>;
export type ApiTargetDefinition = z.infer<typeof targetDefinitionShape>;
export type ApiTargetItem = z.infer<typeof targetItemShape>;
export type ApiTargetDetail = z.infer<typeof targetDetailShape>;
export type ApiTask = z.infer<typeof taskShape>;
export type ApiTaskDetail = z.infer<typeof taskDetailShape>;
export type ApiReportForm = z.infer<typeof formShape>;
export type ApiEntry = z.infer<typeof entryShape>;
export type ApiSubmissionState = z.infer<typeof stateShape>;
export type ApiIndicator = z.infer<typeof indicatorShape>;
export type ApiOrgUnit = z.infer<typeof unitShape>;

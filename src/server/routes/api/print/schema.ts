import { z } from 'zod';
import { idParams, isoDate, langParam } from '../../../../services/inputs.js';
import { entryQuery } from '../forms/schema.js';
import { rankingQuery } from '../scorecards/schema.js';

const lang = langParam;

export const codeParams = z.object({ code: z.string().min(1).max(64) });
export { idParams };
export const langQuery = z.object({ lang });
export const rankingPrintQuery = rankingQuery.extend({ lang });
export const reportPrintQuery = entryQuery.extend({ lang });
export const planPrintQuery = z.object({
  lang,
  asOf: isoDate.optional().describe('Progress as of this date (YYYY-MM-DD); default today'),
});

import { z } from 'zod';
import { idParams, isoDate } from '../../../../services/inputs.js';
import { entryQuery } from '../forms/schema.js';
import { rankingQuery } from '../scorecards/schema.js';

/** The document's language: the app's (the web app sends it), else Accept-Language. */
const lang = z.enum(['vi', 'en']).optional().describe('Language of the document (vi default, en)');

export const codeParams = z.object({ code: z.string().min(1).max(64) });
export { idParams };
export const langQuery = z.object({ lang });
export const rankingPrintQuery = rankingQuery.extend({ lang });
export const reportPrintQuery = entryQuery.extend({ lang });
export const planPrintQuery = z.object({
  lang,
  asOf: isoDate.optional().describe('Progress as of this date (YYYY-MM-DD); default today'),
});

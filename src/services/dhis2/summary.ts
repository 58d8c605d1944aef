/**
 * DHIS2's answer to an import, as DHIS2 2.38+ gives it: a WebMessage around an ImportSummary
 * (dhis2-core: WebMessageUtils.importSummary, ImportSummary, ImportConflict, ImportCount).
 * - SUCCESS (no conflict) → HTTP 200, `status` OK, "Import was successful.";
 * - WARNING (conflicts, and some values went through) → HTTP 200, `status` WARNING;
 * - ERROR (conflicts and nothing went through) → HTTP 409 Conflict, `status` ERROR.
 * Conflict error codes are DHIS2's data entry codes (ErrorCode E81xx, E7611, E8011, E8033).
 */
import { listErrors } from '../errorList.js';

export type ImportStatus = 'SUCCESS' | 'WARNING' | 'ERROR';

export interface Dhis2Conflict {
  object: string;
  value: string;
  errorCode: string;
  property?: string;
  /** 0-based positions of the values in the input */
  indexes: number[];
}

export interface ImportSummary {
  responseType: 'ImportSummary';
  status: ImportStatus;
  importOptions: {
    idSchemes: { idScheme: string; dataElementIdScheme: string; orgUnitIdScheme: string };
    dryRun: boolean;
    importStrategy: string;
    preheatCache: boolean;
    async: false;
  };
  description: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: Dhis2Conflict[];
  rejectedIndexes: number[];
  dataSetComplete: 'false';
  /** only when conflicts were left out: all of them (the list holds the first 200) */
  conflictsTotal?: number;
  conflictsTruncated?: boolean;
}

export interface WebMessage {
  httpStatus: 'OK' | 'Conflict';
  httpStatusCode: 200 | 409;
  status: 'OK' | 'WARNING' | 'ERROR';
  message: string;
  response: ImportSummary;
}

/** DHIS2's error code for a row rule of chiso's pipeline. */
export function errorCodeOf(rule: string): string {
  switch (rule) {
    case 'rule.unknown_indicator':
    case 'rule.derived':
      return 'E8103';
    case 'rule.unknown_unit':
      return 'E8107';
    case 'rule.unknown_option':
    case 'rule.option_required':
    case 'rule.no_category':
      return 'E8108';
    case 'rule.period':
    case 'rule.period_type':
      return 'E7611';
    case 'rule.kind':
    case 'rule.unit_validity':
      return 'E8022';
    case 'rule.scope':
      return 'E8011';
    case 'reporting.rule_locked':
      return 'E8033';
    case 'rule.duplicate':
      return 'E8128';
    case 'rule.required':
      return 'E8120';
    case 'rule.too_long':
      return 'E8125';
    default:
      return 'E8122';
  }
}

export function toWebMessage(
  s: Omit<ImportSummary, 'responseType' | 'status' | 'description' | 'dataSetComplete'>,
  succeeded: number,
): { statusCode: 200 | 409; body: WebMessage } {
  const status: ImportStatus = s.conflicts.length === 0 ? 'SUCCESS' : succeeded > 0 ? 'WARNING' : 'ERROR';
  const capped = listErrors(s.conflicts);
  const summary: ImportSummary = {
    responseType: 'ImportSummary',
    status,
    importOptions: s.importOptions,
    description:
      status === 'SUCCESS'
        ? 'Import process completed successfully'
        : `Import process completed with ${s.conflicts.length} conflict(s)`,
    importCount: s.importCount,
    conflicts: capped.errors,
    rejectedIndexes: s.rejectedIndexes,
    dataSetComplete: 'false',
    ...('errorsTotal' in capped ? { conflictsTotal: capped.errorsTotal, conflictsTruncated: true } : {}),
  };
  if (status === 'ERROR')
    return {
      statusCode: 409,
      body: {
        httpStatus: 'Conflict',
        httpStatusCode: 409,
        status: 'ERROR',
        message: 'An error occurred, please check import summary.',
        response: summary,
      },
    };
  return {
    statusCode: 200,
    body: {
      httpStatus: 'OK',
      httpStatusCode: 200,
      status: status === 'WARNING' ? 'WARNING' : 'OK',
      message:
        status === 'WARNING'
          ? 'Import completed with warnings, please check import summary.'
          : 'Import was successful.',
      response: summary,
    },
  };
}

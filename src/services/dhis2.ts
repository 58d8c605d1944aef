/**
 * DHIS2 exchange, the public face of services/dhis2/: data value sets in (readers.ts → import.ts,
 * through the one write pipeline services/valueImport.ts) and out (export.ts), answered as DHIS2
 * answers (summary.ts). See docs/ARCHITECTURE.md, "DHIS2 interop".
 */
export { type ExportQuery, exportDataValueSet, MAX_PAGE_SIZE } from './dhis2/export.js';
export {
  DEFAULT_COMBOS,
  type Dhis2ImportOptions,
  IMPORT_STRATEGIES,
  type ImportStrategy,
  importDataValueSet,
} from './dhis2/import.js';
export { CSV_COLUMNS, type Dhis2Set, setFromCsv, setFromJson } from './dhis2/readers.js';
export type { ImportSummary, WebMessage } from './dhis2/summary.js';

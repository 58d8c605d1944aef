/**
 * Periodic reporting (chế độ báo cáo định kỳ): report forms, the entry grid, draft saving through
 * importValues, submit with validation rules, approve / return / unlock, timeliness and late units.
 * The code lives in services/reporting/ (forms.ts, entry.ts, timeliness.ts); this file is the
 * module's public face. Rules live in domain/reporting.ts, SQL in repositories/reporting.ts, rights in
 * access/reporting.ts. Every state change writes a submission event and an audit entry.
 */
export * from './reporting/entry.js';
export * from './reporting/forms.js';
export * from './reporting/timeliness.js';

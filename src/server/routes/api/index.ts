/** Registers every API resource. One folder per resource: index.ts (routes) beside schema.ts (zod). */
import type { FastifyInstance } from 'fastify';
import analytics from './analytics/index.js';
import audit from './audit/index.js';
import auth from './auth/index.js';
import dataValues from './data-values/index.js';
import health from './health/index.js';
import indicators from './indicators/index.js';
import orgUnits from './org-units/index.js';
import reference from './reference/index.js';
import tokens from './tokens/index.js';

export async function registerApiRoutes(app: FastifyInstance) {
  for (const plugin of [
    health,
    auth,
    orgUnits,
    indicators,
    dataValues,
    analytics,
    audit,
    tokens,
    reference,
  ]) {
    await app.register(plugin);
  }
}

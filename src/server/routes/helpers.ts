/** Small helpers shared by route files. */
import type { FastifyRequest } from 'fastify';
import { type Lang, langFrom } from '../../i18n/index.js';

export const langOf = (request: FastifyRequest): Lang => langFrom(request.headers['accept-language']);
export const ipOf = (request: FastifyRequest): string | null => request.ip ?? null;

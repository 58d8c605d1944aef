/** The progress thresholds (setting `progress_thresholds`): pace ≥ onTrack on track, ≥ atRisk at risk. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from '../../../../domain/progress.js';
import { getThresholds, setThresholds, thresholdsInput } from '../../../../services/plans.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf, langOf } from '../../helpers.js';

const shape = z.object({ onTrack: z.number(), atRisk: z.number() });

export default async function progressThresholds(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/progress-thresholds',
    {
      schema: {
        operationId: 'getProgressThresholds',
        tags: ['plans'],
        summary: `Progress thresholds (defaults onTrack ${DEFAULT_THRESHOLDS.onTrack}, atRisk ${DEFAULT_THRESHOLDS.atRisk})`,
        response: { 200: shape },
      },
    },
    async (request) => {
      actorOf(request);
      return getThresholds(app.database);
    },
  );
  r.put(
    '/progress-thresholds',
    {
      schema: {
        operationId: 'setProgressThresholds',
        tags: ['plans'],
        summary: 'Change the progress thresholds (admins)',
        body: thresholdsInput,
        response: { 200: shape },
      },
    },
    async (request) =>
      setThresholds(app.database, actorOf(request), langOf(request), request.body, ipOf(request)),
  );
}

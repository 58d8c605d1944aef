/** Reference lists: pillars, fields, disaggregation categories (created and updated here too). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as repo from '../../../../repositories/indicators.js';
import { categoryInput, saveCategories } from '../../../../services/categories.js';
import { namedCode } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';

export default async function reference(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const list = z.object({ items: z.array(namedCode) });
  r.get(
    '/pillars',
    {
      schema: {
        operationId: 'listPillars',
        tags: ['reference'],
        summary: 'The pillars (trụ cột)',
        response: { 200: list },
      },
    },
    async () => ({
      items: await repo.pillars(app.database),
    }),
  );
  r.get(
    '/fields',
    {
      schema: {
        operationId: 'listFields',
        tags: ['reference'],
        summary: 'The fields (lĩnh vực)',
        response: { 200: list },
      },
    },
    async () => ({
      items: await repo.fields(app.database),
    }),
  );
  r.get(
    '/categories',
    {
      schema: {
        operationId: 'listCategories',
        tags: ['reference'],
        summary: 'Disaggregation categories and their options',
        response: {
          200: z.object({
            items: z.array(
              namedCode.extend({
                options: z.array(namedCode.extend({ dhis2Code: z.string().nullable() })),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const [cats, opts] = await Promise.all([
        repo.categories(app.database),
        repo.categoryOptions(app.database),
      ]);
      return {
        items: cats.map((c) => ({
          ...c,
          options: opts
            .filter((o) => o.category === c.code)
            .map(({ code, name, nameEn, dhis2Code }) => ({ code, name, nameEn, dhis2Code })),
        })),
      };
    },
  );

  r.put(
    '/categories/:code',
    {
      schema: {
        operationId: 'putCategory',
        tags: ['reference'],
        summary: 'Create or update a disaggregation category (a category combination) and its options',
        description:
          'Options are added or renamed, never removed. `dhis2Code` maps an option to the DHIS2 category option combo (UID or code) it stands for. Catalogue managers only.',
        params: z.object({ code: categoryInput.shape.code }),
        body: categoryInput.omit({ code: true }),
        response: { 200: z.object({ created: z.number(), updated: z.number() }) },
      },
    },
    async (request) =>
      saveCategories(
        app.database,
        actorOf(request),
        [{ ...request.body, code: request.params.code }],
        ipOf(request),
      ),
  );
}

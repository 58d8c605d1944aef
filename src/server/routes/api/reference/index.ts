/** Reference lists: pillars, fields, disaggregation categories. */
import type { FastifyInstance } from 'fastify';
import * as repo from '../../../../repositories/indicators.js';

export default async function reference(app: FastifyInstance) {
  app.get('/pillars', { schema: { tags: ['reference'], summary: 'The pillars (trụ cột)' } }, async () => ({
    items: await repo.pillars(app.database),
  }));
  app.get('/fields', { schema: { tags: ['reference'], summary: 'The fields (lĩnh vực)' } }, async () => ({
    items: await repo.fields(app.database),
  }));
  app.get(
    '/categories',
    { schema: { tags: ['reference'], summary: 'Disaggregation categories and their options' } },
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
            .map(({ code, name, nameEn }) => ({ code, name, nameEn })),
        })),
      };
    },
  );
}

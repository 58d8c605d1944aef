/**
 * Registers every API resource: each folder here is one resource, with index.ts (its routes, the
 * default export) beside schema.ts (its zod schemas). New folders are picked up without editing this file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function registerApiRoutes(app: FastifyInstance) {
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    const file = readdirSync(join(here, folder)).find((f) => /^index\.(ts|js)$/.test(f));
    if (!file) continue;
    const mod = (await import(/* @vite-ignore */ pathToFileURL(join(here, folder, file)).href)) as {
      default: (app: FastifyInstance) => Promise<void>;
    };
    await app.register(mod.default);
  }
}

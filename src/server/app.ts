/** Builds the Fastify application: plugins, the API routes, the OpenAPI document and the web app. */
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import { openApiTransform, routeDocsChecker, sharedComponents, strictSerializerCompiler } from './openapi.js';
import { registerAdmission } from './plugins/admission.js';
import { authPlugin } from './plugins/auth.js';
import { registerCsvParser } from './plugins/csv.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './plugins/errors.js';
import { registerInputGuard } from './plugins/inputGuard.js';
import { registerPrintScript } from './plugins/printScript.js';
import { registerApiRoutes } from './routes/api/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

export async function buildApp(
  database: Database,
  config: Config,
  /** strictResponses (tests): an answer its response schema would change is an error, not silently trimmed */
  opts: { logger?: boolean; strictResponses?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimit,
    // a line per request is noise in a console; CHISO_LOG_REQUESTS=1 turns it on
    disableRequestLogging: process.env.CHISO_LOG_REQUESTS !== '1',
    // X-Forwarded-* are believed only behind a proxy we were told about (else the login throttle could be dodged)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // what the router and Node's HTTP parser refuse gets the contract's error shape too
    frameworkErrors,
    clientErrorHandler,
    // route modules load on start; a busy machine (CI, tests in parallel) may need more than the default 10 s
    pluginTimeout: 120_000,
  });
  app.decorate('database', database);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(opts.strictResponses ? strictSerializerCompiler : serializerCompiler);
  const index = `${config.webDir}/index.html`;
  const hasWeb = existsSync(index);
  registerErrorHandling(app, { spa: hasWeb });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // before auth: its queries are work too, and a refused request costs nothing
  registerAdmission(app);
  registerCsvParser(app);
  registerInputGuard(app);
  await authPlugin(app); // not encapsulated: its hook guards every route

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'chiso API',
        version: '1',
        description:
          'Indicators, data values, analytics, targets, reporting and rankings for a digital-transformation programme. Errors: `{"error":{"code","message","details"}}`, message in the language of a `lang=vi|en` query parameter on any request, else of Accept-Language (vi default, en).',
      },
      servers: [{ url: '/', description: 'This chiso server (every path begins with /api)' }],
      components: {
        schemas: sharedComponents(),
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'chiso_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // every API route declares operationId, summary and a 2xx response, or the app does not start
  app.addHook('onRoute', routeDocsChecker());
  await app.register(registerApiRoutes, { prefix: '/api' });
  registerPrintScript(app);

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      prefix: '/',
      // files are looked up per request, so a rebuild while running serves the new assets
      wildcard: true,
      index: ['index.html'],
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>chiso</title><h1>chiso</h1><p>API: <a href="/api/docs">/api/docs</a>. The web app is not built (npm run build:web).</p>',
        ),
    );
  }
  return app;
}

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerModuleRoutes } from '../modules';
import type { AppContext } from './context';
import { installErrorHandler, languageOf } from './error-handler';
import { AppError } from './errors';
import { installGuard } from './guard';
import { installIdempotency } from './idempotency';
import { installNulCheck } from './nul-check';

const adminDist = fileURLToPath(new URL('../../../admin/dist/', import.meta.url));

/** Builds the HTTP application: API, OpenAPI document and docs, and the admin console. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A URL that cannot be decoded never reaches a route: answer it in the one error shape too.
    frameworkErrors: (err, req, reply: FastifyReply) => {
      const known =
        err.code === 'FST_ERR_BAD_URL'
          ? new AppError('request.invalid', { detail: 'the URL is not validly encoded' })
          : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? new AppError('request.invalid', {
                detail: 'a part of the URL path is longer than 100 characters',
              })
            : new AppError('internal');
      reply.header('x-request-id', req.id);
      reply.status(known.status).send(known.body(languageOf(req), req.id));
    },
    trustProxy: process.env.TRUST_PROXY === '1',
    logger: {
      level: ctx.config.logLevel,
      // Route patterns, not URLs: a query string may hold a phone number or an email.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
  app.decorate('ctx', ctx);
  // The API speaks JSON only: any other body is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  installErrorHandler(app);
  installNulCheck(app);
  installGuard(app);
  installIdempotency(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Regulars API',
        version: '0.1.0',
        description:
          'Membership marketing and management. Authenticate with a staff session (cookie + ' +
          'X-CSRF-Token header) or an API key (Authorization: Bearer rk_live_…). Errors have the ' +
          'shape { error: { code, message, requestId } }.',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'regulars_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const api = app.withTypeProvider<ZodTypeProvider>();
  await app.register(
    async (scope) => {
      const api = scope.withTypeProvider<ZodTypeProvider>();
      registerModuleRoutes(api);
    },
    { prefix: '/api' },
  );
  api.get('/api/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    ok: true,
  }));

  if (existsSync(adminDist)) {
    await app.register(fastifyStatic, { root: adminDist, prefix: '/admin/', wildcard: false });
    // The console routes on the client: any /admin/… page is its index.
    app.get('/admin/*', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
    app.get('/admin', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
  return app;
}

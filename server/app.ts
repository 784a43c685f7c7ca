/**
 * buildApp(config) → a ready Fastify instance. External plugins first, then the app's own plugins,
 * then routes (the fastify/demo order). Tests build the app and call app.inject.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { systemClock } from './http/clock.js';
import errors from './plugins/errors.js';
import db from './plugins/db.js';
import questionnaires from './plugins/questionnaires.js';
import auth from './plugins/auth.js';
import health from './routes/health/index.js';
import authRoutes from './routes/auth/index.js';
import users from './routes/users/index.js';
import enterprises from './routes/enterprises/index.js';
import districts from './routes/districts/index.js';
import industries from './routes/industries/index.js';
import assessments from './routes/assessments/index.js';
import evidence from './routes/evidence/index.js';
import rectifications from './routes/rectifications/index.js';
import roster from './routes/roster/index.js';
import dashboard from './routes/dashboard/index.js';
import upward from './routes/upward/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** JSON bodies above this size are refused with 413 (uploads have their own limits). */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export async function buildApp(config: Readonly<Config>): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('now', config.clock ?? systemClock);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only where the site is served over HTTPS (the same switch as Secure cookies).
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '数安诊断 API', version: '0.1.0', description: '工业数据安全诊断与自评估' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dsd_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(errors);
  await app.register(db, { dataDir: config.dataDir });
  await app.register(questionnaires, { dir: config.questionnaireDir });
  await app.register(auth);

  await app.register(health);
  await app.register(authRoutes);
  await app.register(users);
  await app.register(enterprises);
  await app.register(districts);
  await app.register(industries);
  await app.register(assessments);
  await app.register(evidence);
  await app.register(rectifications);
  await app.register(roster);
  await app.register(dashboard);
  await app.register(upward);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyStatic, { root: join(ROOT, 'web', 'public'), prefix: '/', index: ['index.html'] });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Readonly<Config>;
    /** The current time (ISO 8601) to hand to services. */
    now(): string;
  }
}

/**
 * buildApp(config) → a ready Fastify instance. External plugins first, then the app's own plugins,
 * then routes (the fastify/demo order). Tests build the app and call app.inject.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { systemClock } from './http/clock.js';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/errors.js';
import wellFormedText from './plugins/well-formed-text.js';
import db from './plugins/db.js';
import questionnaires from './plugins/questionnaires.js';
import auth from './plugins/auth.js';
import apiDoc from './plugins/api-doc.js';
import webApp from './plugins/web-app.js';
import scheduledBackup from './plugins/scheduled-backup.js';
import reportRenderer from './plugins/report-renderer.js';
import outstandingReports from './plugins/outstanding-reports.js';
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
import questionnaireRoutes from './routes/questionnaires/index.js';
import dashboard from './routes/dashboard/index.js';
import upward from './routes/upward/index.js';
import reportBatches from './routes/report-batches/index.js';
import reports from './routes/reports/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** JSON bodies above this size are refused with 413 (uploads have their own limits). */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export async function buildApp(config: Readonly<Config>): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    // Longer than any request line Node accepts (16 KiB of headers), so every path parameter reaches its route's
    // schema and a value that cannot be an id is a 400 there, rather than an unmatched route (404) or a bare 414.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Off unless configured: X-Forwarded-* from anyone else would let a client pick its own address. A hop count
    // trusts that many proxies nearest the server.
    trustProxy:
      typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    frameworkErrors,
    clientErrorHandler,
    // Opening the database runs its pending migrations, which on a large city's file (or a busy machine) take longer
    // than Fastify's default 10 s; the server would then refuse to start after the work was done.
    pluginTimeout: 10 * 60_000,
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
        // Helmet adds this by default; over plain http (a LAN address) it makes browsers fetch scripts and styles
        // over https, which is not there, and the app is blank. Only where the site is served over HTTPS.
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // HSTS only where the site is served over HTTPS (the same switch as Secure cookies).
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(errors);
  await app.register(wellFormedText);
  await app.register(db, { dataDir: config.dataDir });
  await app.register(questionnaires, { dir: config.questionnaireDir });
  await app.register(auth);
  await app.register(apiDoc);
  await app.register(scheduledBackup);
  await app.register(reportRenderer);
  await app.register(outstandingReports);

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
  await app.register(questionnaireRoutes);
  await app.register(dashboard);
  await app.register(upward);
  await app.register(reports);
  await app.register(reportBatches);

  await app.register(webApp, { root: join(ROOT, 'web', 'dist') });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Readonly<Config>;
    /** The current time (ISO 8601) to hand to services. */
    now(): string;
  }
}

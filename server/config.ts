/** Process configuration: environment variables parsed with zod into a frozen Config. */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Clock } from './http/clock.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DSD_DATA_DIR: z.string().default('data'),
  DSD_QUESTIONNAIRE_DIR: z.string().default('questionnaires'),
  DSD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set behind HTTPS so session cookies are marked Secure. */
  DSD_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  questionnaireDir: string;
  logLevel: z.infer<typeof Env>['DSD_LOG_LEVEL'];
  secureCookies: boolean;
  /** The time services are given; the system clock unless a test or demo fixes it. */
  clock?: Clock;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置错误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DSD_DATA_DIR),
    questionnaireDir: resolve(e.DSD_QUESTIONNAIRE_DIR),
    logLevel: e.DSD_LOG_LEVEL,
    secureCookies: e.DSD_SECURE_COOKIES === '1',
    ...overrides,
  });
}

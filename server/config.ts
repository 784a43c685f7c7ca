/** Process configuration: environment variables parsed with zod into a frozen Config. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Clock } from './http/clock.js';

/** An address or a CIDR range (10.0.0.0/8, fd00::/8). */
const isAddressOrRange = (s: string) => {
  const [address, bits, ...rest] = s.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

/**
 * Which reverse proxies' X-Forwarded-For / X-Forwarded-Host to believe: off (the default: the connecting address is
 * the client), a hop count (the client is that many proxies back), or a comma-separated list of proxy addresses or
 * ranges. Trusting every sender would let any client choose the address its login attempts are counted under.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (v === '' || /^(off|false|no|0)$/i.test(v)) return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = list.filter((x) => !isAddressOrRange(x));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `应为 off、代理层数或代理地址列表（逗号分隔），无法识别：${bad.join('、')}` });
      return z.NEVER;
    }
    return list;
  });

/**
 * The address people reach the server at from outside (https://dsd.example.cn, or with a path prefix behind a proxy):
 * every URL printed in a report — the cover's verification link and QR code — is built from it. http(s) only, no
 * query or fragment; a trailing slash is dropped.
 */
const PublicUrl = z
  .string()
  .trim()
  .transform((v, ctx): string => {
    if (v === '') return v;
    let url: URL | null = null;
    try {
      url = new URL(v);
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: `应为对外访问本系统的网址，如 https://dsd.example.cn（只含协议、主机名、端口和路径），无法使用：${v}` });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DSD_DATA_DIR: z.string().default('data'),
  DSD_QUESTIONNAIRE_DIR: z.string().default('questionnaires'),
  DSD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set behind HTTPS so session cookies are marked Secure. */
  DSD_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  DSD_TRUST_PROXY: TrustProxy.default(false),
  DSD_PUBLIC_URL: PublicUrl.optional(),
  /** Scheduled snapshots for an unattended server: every N hours (0 = off), keeping the newest K. */
  DSD_BACKUP_EVERY_HOURS: z.coerce.number().min(0).max(24 * 365).default(0),
  DSD_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** Where snapshots go; another disk than the data directory's is better. Default <data>/backups. */
  DSD_BACKUP_DIR: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  questionnaireDir: string;
  logLevel: z.infer<typeof Env>['DSD_LOG_LEVEL'];
  secureCookies: boolean;
  /** Reverse proxies to believe about the client's address and host: false, a hop count or proxy addresses. */
  trustProxy: false | number | string[];
  /**
   * Where people reach the server from outside, without a trailing slash; the base of every URL printed in a report.
   * Null: the host of the request that issues the report (an address that may mean nothing on paper).
   */
  publicUrl: string | null;
  /** Scheduled snapshots; `dir` null means <dataDir>/backups. */
  backup: { everyHours: number; keep: number; dir: string | null };
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
    trustProxy: e.DSD_TRUST_PROXY,
    publicUrl: e.DSD_PUBLIC_URL || null,
    backup: {
      everyHours: e.DSD_BACKUP_EVERY_HOURS,
      keep: e.DSD_BACKUP_KEEP,
      dir: e.DSD_BACKUP_DIR ? resolve(e.DSD_BACKUP_DIR) : null,
    },
    ...overrides,
  });
}

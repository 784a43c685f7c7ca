/**
 * Password hashing (scrypt, encoded as `scrypt$N$r$p$salt$hash` with base64 salt and hash, so the cost can
 * be raised later without invalidating stored hashes), the password policy and strong random passwords.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Stored hashes with a larger N than this are refused rather than allowed to exhaust memory. */
const MAX_N = 2 ** 20;

function scryptAsync(password: string, salt: Buffer, keylen: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default 32 MiB limit is exactly too small for N=2^15, r=8.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * False for a wrong password and for anything that is not a well-formed scrypt hash (never throws). A malformed
 * hash (an account without a usable password) still costs one scrypt, so the time does not tell it apart.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) {
    await verifyPassword(password, await dummyPasswordHash());
    return false;
  }
  const { cost, salt, expected } = parsed;
  const actual = await scryptAsync(password, salt, expected.length, cost);
  return timingSafeEqual(actual, expected);
}

function parseHash(encoded: string): { cost: { N: number; r: number; p: number }; salt: Buffer; expected: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > MAX_N || (N & (N - 1)) !== 0) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (salt.length === 0 || expected.length === 0) return null;
  return { cost: { N, r, p }, salt, expected };
}

let dummyHash: Promise<string> | undefined;
/** A real hash to verify against when the user does not exist, so both failures take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export const PASSWORD_MIN_LENGTH = 10;
const MAX_LENGTH = 128;

const CLASSES: readonly { test: RegExp; label: string }[] = [
  { test: /[a-z]/, label: '小写字母' },
  { test: /[A-Z]/, label: '大写字母' },
  { test: /[0-9]/, label: '数字' },
  { test: /[^a-zA-Z0-9]/, label: '符号' },
];

/** The policy's objections to a password, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`);
  if ([...password].length > MAX_LENGTH) problems.push(`密码不能超过 ${MAX_LENGTH} 个字符`);
  if (CLASSES.filter((c) => c.test.test(password)).length < 3)
    problems.push('密码需包含小写字母、大写字母、数字、符号中的至少三类');
  if (password.toLowerCase() === username.toLowerCase()) problems.push('密码不能与用户名相同');
  return problems;
}

const ALPHABETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=!?'];

/** A 16-character random password with every character class, avoiding look-alike characters (0/O, 1/l/I). */
export function generatePassword(): string {
  const all = ALPHABETS.join('');
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)]);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

import { describe, expect, it } from 'vitest';
import {
  generatePassword, hashPassword, passwordProblems, verifyPassword,
} from '../../server/services/passwords.js';

describe('password hashing', () => {
  it('encodes scrypt with its parameters, a 16-byte salt and a 64-byte key', async () => {
    const hash = await hashPassword('Correct-Horse-7');
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(N)).toBe(2 ** 15);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Correct-Horse-7');
    expect(await verifyPassword('Correct-Horse-7', hash)).toBe(true);
    expect(await verifyPassword('Correct-Horse-8', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash differently', async () => {
    expect(await hashPassword('Correct-Horse-7')).not.toBe(await hashPassword('Correct-Horse-7'));
  });

  it('verifies hashes made with other cost parameters (they are read from the hash)', async () => {
    const hash = (await hashPassword('Correct-Horse-7')).replace('$32768$', '$16384$');
    // Same salt and key under a different N is simply a different (wrong) hash, not an error.
    expect(await verifyPassword('Correct-Horse-7', hash)).toBe(false);
  });

  it('treats malformed or hostile hashes as a mismatch instead of throwing', async () => {
    for (const bad of ['', 'test-no-password', 'scrypt$x$8$1$AA==$AA==', 'scrypt$1073741824$8$1$AAAA$AAAA', 'scrypt$32768$8$1$$', 'bcrypt$a$b$c$d$e'])
      expect(await verifyPassword('anything', bad)).toBe(false);
  });
});

describe('password policy', () => {
  it('accepts a long password with three character classes', () => {
    expect(passwordProblems('correct-horse-7', 'zhang')).toEqual([]);
    expect(passwordProblems('Correcthorse7', 'zhang')).toEqual([]);
  });

  it('refuses short passwords', () => {
    expect(passwordProblems('Ab1!', 'zhang')).toContain('密码至少需要 10 个字符');
  });

  it('refuses passwords with fewer than three character classes', () => {
    expect(passwordProblems('correcthorsebattery', 'zhang')).toContain('密码需包含小写字母、大写字母、数字、符号中的至少三类');
    expect(passwordProblems('correcthorse7', 'zhang')).toHaveLength(1);
  });

  it('refuses the user name as password, whatever its case', () => {
    expect(passwordProblems('Zhang.Wei-2026', 'zhang.wei-2026')).toContain('密码不能与用户名相同');
  });

  it('generates passwords that satisfy the policy and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordProblems(p, 'admin')).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

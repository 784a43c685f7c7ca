/** `npm run user:create -- --enterprise` takes the credit code as people type it (spaces, lower case, full width). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { referenceData } from '../../server/db/reference-data.js';
import { seedReferenceData } from '../../server/db/seed.js';
import { generateUscc } from '../../server/domain/uscc.js';
import { runCli } from '../helpers/cli.js';

let dataDir: string;
const code = generateUscc(() => 0.37);
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dsd-cli-codes-'));
  const db = openDatabase(join(dataDir, 'dsd.sqlite'));
  seedReferenceData(db, referenceData());
  db.prepare(`INSERT INTO enterprises (credit_code, name, district_id, industry_code) VALUES (?, '代码企业', 1, 'other')`).run(code);
  db.close();
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('finds the enterprise by a spaced, lower-case, full-width credit code', { timeout: 60_000 }, async () => {
  const typed = ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9).replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`;
  const r = await runCli('create-user', ['--username', 'code.user', '--role', 'enterprise', '--enterprise', typed, '--password', 'Code-User-123'], {
    DSD_DATA_DIR: dataDir,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

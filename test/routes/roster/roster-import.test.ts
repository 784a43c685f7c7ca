import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { createEnterprise, newCreditCode } from '../../helpers/enterprises.js';
import { fileUpload } from '../../helpers/multipart.js';

let t: TestApp;
let app: FastifyInstance;
let who: Record<string, Record<string, string>>;

/** Codes used in the workbook. */
const code = {
  a: newCreditCode(),
  b: newCreditCode(),
  c: newCreditCode(),
  d: newCreditCode(),
  e: newCreditCode(),
  f: newCreditCode(),
  g: newCreditCode(),
};
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** A roster as bureaus really send them: title rows, a merged title, messy cells, duplicates, variants. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['长春市规上工业企业数字安全诊断名单']);
  ws.mergeCells('A1:I1');
  ws.addRow(['填报单位：市工信局', '', '', '', '', '', '', '', '2024年11月']);
  ws.addRow(['序号', '企业名称 ', '统一社会\n信用代码', '所属区域', '所属行业', '企业规模', '联系人', '联系电话', '地址']);
  const rows: unknown[][] = [
    [1, '长春甲汽车零部件有限公司', ` ${code.a.slice(0, 9).toLowerCase()} ${code.a.slice(9).toLowerCase()} `, '朝阳区', '汽车零部件', '大型', ' 张 三 ', '0431-8888 0001', '人民大街１号'],
    [2, '长春乙化工有限公司(二厂)', fullWidth(code.b), '长春新区(南)', '化学原料和化学制品制造业', '中型企业', '李四', 13912345678, '北湖路 2 号'],
    [3, '长春甲汽车零部件有限公司 ', code.a, '朝阳区', '汽车零部件', '大型', '张三', ' 0431-8888  0001', '人民大街1号'],
    [4, '长春丙钢铁有限公司', code.c, '宽城区', '钢铁', '', '', '', ''],
    [5, '长春丙钢材有限公司', code.c, '宽城区', '钢铁', '', '', '', ''],
    [6, '错码企业有限公司', '91330100716105852G', '朝阳区', '', '', '', '', ''],
    [7, '外地企业有限公司', code.g, '火星区', '', '', '', '', ''],
    [8, '长春丁汽车有限公司', code.d, '汽车经济技术开发区', '汽车制造业', '小型', '', '', ''],
    [],
    [9, '长春戊食品有限公司', code.e, '净月高新技术产业开发区', '食品制造业', '微型', '', '', ''],
    [10, '长春己纺织有限公司', code.f, '绿园区', '纺织业', '', '王五', '0431-2', ''],
    ['合计', '共 10 家'],
  ];
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (as: string, fileName: string, data: Buffer, query = '') => {
  const { payload, headers } = fileUpload(fileName, data);
  return app.inject({ method: 'POST', url: `/api/roster/import${query}`, payload, headers: { ...who[as], ...headers } });
};
const enterpriseCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n;
const importCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM roster_imports').get() as { n: number }).n;
type Row = { row: string; status: string; reason?: string; duplicateOf?: string; changes?: unknown[]; notes?: string[]; creditCode?: string };
const byRow = (rows: Row[], n: number) => rows.find((r) => r.row === `第 ${n} 行`)!;

let xlsx: Buffer;
let lvyuanF: number;

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  xlsx = await workbook();
  // Already registered: f with an older phone number (→ updated).
  lvyuanF = createEnterprise(app, '绿园区', { creditCode: code.f, name: '长春己纺织有限公司', industryCode: 'textile', contactName: '王五', contactPhone: '0431-1' });
  who = {
    admin: loginAs(app, 'admin').headers,
    bureau: loginAs(app, 'bureau').headers,
    chaoyang: loginAs(app, 'district', { districtId: districtId(app, '朝阳区') }).headers,
    nanguan: loginAs(app, 'district', { districtId: districtId(app, '南关区') }).headers,
    diagnostician: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [lvyuanF] }).headers,
    enterprise: loginAs(app, 'enterprise', { enterpriseId: lvyuanF }).headers,
    anonymous: {},
  };
});
afterAll(() => t.close());

describe('POST /api/roster/import (XLSX)', () => {
  it('a dry run reports every row and writes nothing', async () => {
    const before = enterpriseCount();
    const res = await upload('bureau', '名单.xlsx', xlsx, '?dryRun=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, importId: null, fileName: '名单.xlsx' });
    expect(body.counts).toEqual({ added: 4, updated: 1, unchanged: 0, duplicate: 1, rejected: 5 });
    expect(enterpriseCount()).toBe(before);
    expect(importCount()).toBe(0);
  });

  it('a failure half-way leaves the registry as it was', async () => {
    app.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON enterprises WHEN NEW.credit_code = '${code.d}'
                 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    try {
      const before = enterpriseCount();
      const res = await upload('bureau', '名单.xlsx', xlsx);
      expect(res.statusCode).toBe(500);
      expect(enterpriseCount()).toBe(before);
      expect(importCount()).toBe(0);
      const f = app.db.prepare('SELECT contact_phone FROM enterprises WHERE id = ?').get(lvyuanF) as { contact_phone: string };
      expect(f.contact_phone).toBe('0431-1');
    } finally {
      app.db.exec('DROP TRIGGER fail_import');
    }
  });

  it('imports, reporting each row’s outcome and why', async () => {
    const res = await upload('bureau', '名单.xlsx', xlsx);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ added: 4, updated: 1, unchanged: 0, duplicate: 1, rejected: 5 });
    expect(body.importId).toBeGreaterThan(0);
    const rows = body.rows as Row[];

    expect(byRow(rows, 4)).toMatchObject({ status: 'added', creditCode: code.a });
    expect(byRow(rows, 5)).toMatchObject({ status: 'added', creditCode: code.b });
    expect(byRow(rows, 6)).toMatchObject({ status: 'duplicate', duplicateOf: '第 4 行' });
    for (const n of [7, 8]) {
      expect(byRow(rows, n).status).toBe('rejected');
      expect(byRow(rows, n).reason).toContain('第 7 行、第 8 行 的统一社会信用代码相同但内容不同');
      expect(byRow(rows, n).reason).toContain('企业名称');
    }
    expect(byRow(rows, 9).reason).toContain('“统一社会信用代码”列的值 ‘91330100716105852G’ 无效');
    expect(byRow(rows, 9).reason).toContain('校验位应为 ‘F’');
    expect(byRow(rows, 10).reason).toContain('“所属区域”列的值 ‘火星区’ 无法识别');
    expect(byRow(rows, 11)).toMatchObject({ status: 'added', notes: ['所属区域 ‘汽车经济技术开发区’ 按“汽开区”登记'] });
    expect(byRow(rows, 13).status).toBe('added');
    expect(byRow(rows, 13).notes).toContain('行业 ‘食品制造业’ 不属于九个重点行业，按“其他工业行业”登记');
    expect(byRow(rows, 14)).toMatchObject({ status: 'updated', changes: [{ field: '联系电话', old: '0431-1', new: '0431-2' }] });
    expect(byRow(rows, 15)).toMatchObject({ status: 'rejected', reason: '“统一社会信用代码”列为空' });
    expect(rows.find((r) => r.row === '第 12 行')).toBeUndefined();

    // What is stored is cleaned: upper-case code, Chinese brackets, no stray spaces, half-width digits.
    const a = app.db.prepare('SELECT * FROM enterprises WHERE credit_code = ?').get(code.a) as Record<string, unknown>;
    expect(a).toMatchObject({ name: '长春甲汽车零部件有限公司', industry_code: 'auto', size: 'large', contact_name: '张三', contact_phone: '0431-8888 0001', address: '人民大街1号', district_id: districtId(app, '朝阳区') });
    const b = app.db.prepare('SELECT * FROM enterprises WHERE credit_code = ?').get(code.b) as Record<string, unknown>;
    expect(b).toMatchObject({ name: '长春乙化工有限公司（二厂）', industry_code: 'petrochem', size: 'medium', contact_phone: '13912345678', district_id: districtId(app, '长春新区（南）') });
    const e = app.db.prepare('SELECT * FROM enterprises WHERE credit_code = ?').get(code.e) as Record<string, unknown>;
    expect(e).toMatchObject({ industry_code: 'other', size: 'micro', district_id: districtId(app, '净月区') });
    expect(app.db.prepare('SELECT 1 FROM enterprises WHERE credit_code = ?').get(code.c)).toBeUndefined();
  });

  it('importing the same file again changes nothing', async () => {
    const before = app.db.prepare('SELECT * FROM enterprises ORDER BY id').all();
    const res = await upload('bureau', '名单.xlsx', xlsx);
    expect(res.json().counts).toEqual({ added: 0, updated: 0, unchanged: 5, duplicate: 1, rejected: 5 });
    expect(app.db.prepare('SELECT * FROM enterprises ORDER BY id').all()).toEqual(before);
  });

  it('a district officer imports only into their own district', async () => {
    const before = app.db.prepare('SELECT * FROM enterprises ORDER BY id').all();
    const res = await upload('nanguan', '名单.xlsx', xlsx);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as Row[];
    expect(res.json().counts).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
    expect(byRow(rows, 4).reason).toBe('所属区域“朝阳区”不是本账号负责的区域（南关区），不能导入');
    expect(app.db.prepare('SELECT * FROM enterprises ORDER BY id').all()).toEqual(before);

    const own = await upload('chaoyang', '名单.xlsx', xlsx);
    const ownRows = own.json().rows as Row[];
    expect(byRow(ownRows, 4).status).toBe('unchanged');
    expect(byRow(ownRows, 5).reason).toContain('不是本账号负责的区域（朝阳区）');
    expect(byRow(ownRows, 14).status).toBe('rejected');
  });

  it('a district officer’s default district fills files without a district column, and cannot claim another district’s enterprise', async () => {
    const csv = Buffer.from(`企业名称,统一社会信用代码,联系人\n朝阳新企业有限公司,${code.g},赵六\n长春己纺织有限公司,${code.f},王五\n`);
    const res = await upload('chaoyang', 'chaoyang.csv', csv);
    const rows = res.json().rows as Row[];
    expect(byRow(rows, 2).status).toBe('added');
    expect(byRow(rows, 3).reason).toContain('已登记在其他区域的企业名下');
    const g = app.db.prepare('SELECT district_id FROM enterprises WHERE credit_code = ?').get(code.g) as { district_id: number };
    expect(g.district_id).toBe(districtId(app, '朝阳区'));
    const bureau = await upload('bureau', 'no-district.csv', csv);
    expect(bureau.statusCode).toBe(400);
    expect(bureau.json().error.message).toContain('没有“所属区域”列');
  });
});

describe('POST /api/roster/import (CSV)', () => {
  it('reads UTF-8 with a BOM, and district names written differently', async () => {
    const codes = [newCreditCode(), newCreditCode(), newCreditCode()];
    const text =
      '\uFEFF企业名称,统一社会信用代码,区县,行业类别,规模\r\n' +
      `北区企业一有限公司,${codes[0]},长春新区（北）,软件和信息技术服务业,中\r\n` +
      `"北区企业二有限公司",${codes[1]},"新区北区",集成电路,\r\n` +
      `中韩企业有限公司,${codes[2]},中韩（长春）国际合作示范区,航空,巨型\r\n`;
    const res = await upload('admin', 'utf8.csv', Buffer.from(text, 'utf8'));
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as Row[];
    expect(byRow(rows, 2)).toMatchObject({ status: 'added' });
    expect(byRow(rows, 3)).toMatchObject({ status: 'added' });
    expect(byRow(rows, 4).reason).toBe('“规模”列的值 ‘巨型’ 无法识别，应为 大型、中型、小型 或 微型');
    const stored = app.db
      .prepare('SELECT e.industry_code AS industry, d.name AS district FROM enterprises e JOIN districts d ON d.id = e.district_id WHERE credit_code IN (?, ?) ORDER BY e.id')
      .all(codes[0], codes[1]);
    expect(stored).toEqual([
      { industry: 'software', district: '长春新区（北）' },
      { industry: 'ic', district: '长春新区（北）' },
    ]);
  });

  it('reads GB18030/GBK files as Excel in Chinese Windows saves them', async () => {
    const c = newCreditCode();
    const text = `2024年名单\r\n单位名称,信用代码,所属区域,所属行业\r\n德惠纺织有限公司,${c},德惠,纺织\r\n`;
    const res = await upload('admin', 'gbk.csv', encodeGb18030(text));
    expect(res.statusCode).toBe(200);
    expect(byRow(res.json().rows, 3)).toMatchObject({ status: 'added', creditCode: c });
    const stored = app.db.prepare('SELECT name FROM enterprises WHERE credit_code = ?').get(c);
    expect(stored).toEqual({ name: '德惠纺织有限公司' });
  });
});

describe('refused uploads', () => {
  const message = async (res: { statusCode: number; json(): { error: { message: string } } }, status: number) => {
    expect(res.statusCode).toBe(status);
    return res.json().error.message;
  };

  it('refuses files that are not XLSX or CSV, by content', async () => {
    expect(await message(await upload('admin', 'a.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n', 'latin1')), 400)).toContain('.pdf');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await message(await upload('admin', 'old.xls', xls), 400)).toContain('.xls');
    expect(await message(await upload('admin', 'fake.xlsx', Buffer.from('企业名称,统一社会信用代码\n')), 400)).toContain('不是 Excel 工作簿');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await message(await upload('admin', 'image.csv', png), 400)).toContain('不是 Excel 工作簿');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
    expect(await message(await upload('admin', 'doc.xlsx', zip), 400)).toContain('不是 Excel 工作簿');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml garbage')]);
    expect(await message(await upload('admin', 'broken.xlsx', broken), 400)).toContain('无法读取');
  });

  it('refuses a file without a recognisable header, or without rows', async () => {
    expect(await message(await upload('admin', 'x.csv', Buffer.from('a,b,c\n1,2,3\n')), 400)).toContain('未找到表头');
    expect(await message(await upload('admin', 'x.csv', Buffer.from('企业名称,统一社会信用代码,区域\n')), 400)).toContain('没有企业数据');
    expect(await message(await upload('admin', 'x.csv', Buffer.alloc(0)), 400)).toContain('空的');
  });

  it('refuses files over 10 MB with 413 and over 20000 rows with 400', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    expect(await message(await upload('admin', 'big.csv', big), 413)).toContain('10 MB');
    const lines = ['企业名称,统一社会信用代码,区域'];
    for (let i = 0; i < 20_001; i++) lines.push(`企业${i},91220101000000000X,朝阳区`);
    expect(await message(await upload('admin', 'many.csv', Buffer.from(lines.join('\n'))), 400)).toContain('20000');
    expect(importCount()).toBeGreaterThan(0);
  });

  it('answers 415 to a non-multipart body and 400 to a form without a file', async () => {
    const json = await app.inject({ method: 'POST', url: '/api/roster/import', headers: who.admin, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const boundary = 'xyz';
    const noFile = await app.inject({
      method: 'POST',
      url: '/api/roster/import',
      headers: { ...who.admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(noFile.statusCode).toBe(400);
  });
});

describe('roles', () => {
  const csv = () => Buffer.from(`企业名称,统一社会信用代码,区域\n权限测试有限公司,${code.a},朝阳区\n`);
  // Who may use the roster at all: the same for importing and for reading the history.
  const ACCESS = [
    ['admin', 200],
    ['bureau', 200],
    ['chaoyang', 200],
    ['diagnostician', 403],
    ['enterprise', 403],
    ['anonymous', 401],
  ] as const;
  it.each(ACCESS)('%s importing → %i', async (as, status) => {
    expect((await upload(as, 'r.csv', csv(), '?dryRun=1')).statusCode).toBe(status);
  });

  it.each(ACCESS)('%s reading the history → %i', async (as, status) => {
    expect((await app.inject({ method: 'GET', url: '/api/roster/imports', headers: who[as] })).statusCode).toBe(status);
  });

  it('shows a district officer only imports made in their district', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/roster/imports', headers: who.bureau })).json();
    const mine = (await app.inject({ method: 'GET', url: '/api/roster/imports', headers: who.chaoyang })).json();
    const nanguan = (await app.inject({ method: 'GET', url: '/api/roster/imports', headers: who.nanguan })).json();
    expect(all.length).toBeGreaterThan(mine.length);
    expect(mine.length).toBeGreaterThan(0);
    expect(nanguan.length).toBe(1);
    const bureauImport = all.find((i: { id: number }) => !mine.some((m: { id: number }) => m.id === i.id));
    expect((await app.inject({ method: 'GET', url: `/api/roster/imports/${bureauImport.id}`, headers: who.chaoyang })).statusCode).toBe(404);
    const detail = await app.inject({ method: 'GET', url: `/api/roster/imports/${bureauImport.id}`, headers: who.bureau });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().rows.length).toBeGreaterThan(0);
    expect(detail.json().counts).toHaveProperty('duplicate');
  });
});

/**
 * GB18030 bytes for `text` without an encoder package: the reverse of the platform's GB18030 decoder over the
 * two-byte range, which covers every Chinese character used here.
 */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...b);
    }
  }
  const buf = Buffer.from(bytes);
  // The test is only meaningful if these bytes are not valid UTF-8.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
  return buf;
}

import { describe, expect, it } from 'vitest';
import { cleanCell, parseRoster, RosterFormatError } from '../../server/domain/roster-parse.js';
import { referenceData } from '../../server/db/reference-data.js';

const { districts, industries, city } = referenceData();
const ctx = { districts, city, industryCodes: industries.map((i) => i.code) };
const sheet = (rows: string[][]) => [{ sheet: null, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) }];

describe('cleanCell', () => {
  it('collapses whitespace, converts full-width ASCII and keeps Chinese brackets', () => {
    expect(cleanCell('  长春 市\n某某 （集团）\u3000有限公司 ')).toBe('长春市某某（集团）有限公司');
    expect(cleanCell('ＡＢＣ　１２３')).toBe('ABC 123');
    expect(cleanCell('Changchun  FAW\tCo.')).toBe('Changchun FAW Co.');
  });
});

describe('parseRoster', () => {
  it('finds the header below title rows, with annotated column names', () => {
    const parsed = parseRoster(
      sheet([
        ['附件1'],
        ['规上工业企业名单'],
        ['序号', '*企业名称', '统一社会信用代码（18位）', '所属区域', '联系电话（手机）'],
        ['1', '甲公司', '91330100716105852F', '朝阳区', '139 0000 0000'],
      ]),
      ctx,
    );
    expect(parsed.rows).toEqual([
      {
        sheet: null,
        rowNumber: 4,
        ok: true,
        notes: [],
        record: { creditCode: '91330100716105852F', name: '甲公司', districtCode: 'chaoyang', contactPhone: '139 0000 0000' },
      },
    ]);
  });

  it('hints at digits lost to Excel number formatting', () => {
    const parsed = parseRoster(sheet([['企业名称', '统一社会信用代码', '区域'], ['甲', '9.14403E+17', '朝阳区']]), ctx);
    expect(parsed.rows[0]).toMatchObject({ ok: false, reason: expect.stringContaining('设为文本格式') });
  });

  it('refuses sheets without a header', () => {
    expect(() => parseRoster(sheet([['名称'], ['甲']]), ctx)).toThrow(RosterFormatError);
  });
});

/**
 * The city's reference data is one validated file: a broken file is refused with the place and the problem, and
 * another city's file alone changes the seeded rows, the questionnaire's options and the name matching.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { parseReferenceData, referenceData, ReferenceDataError } from '../../server/db/reference-data.js';
import { seedReferenceData } from '../../server/db/seed.js';
import { districtMatcher } from '../../server/domain/district-names.js';
import { referenceOptions } from '../../server/domain/reference-data.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const OTHER_CITY = `
id: jilin
version: 1.0.0
city: { name: 吉林市, short_name: 吉林, province: 吉林省 }
districts:
  - { code: chuanying, name: 船营区, aliases: [船营] }
  - { code: gaoxin, name: 高新区, aliases: [吉林高新技术产业开发区] }
industries:
  - { code: petrochem, name: 石化化工, questionnaire: petrochem }
  - { code: other, name: 其他工业行业, questionnaire: core }
sizes:
  - { code: large, label: 大型, staff: [1000, 5000], revenue: 4 亿元及以上 }
  - { code: medium, label: 中型, staff: [300, 999], revenue: 2000 万元至 4 亿元 }
  - { code: small, label: 小型, staff: [20, 299], revenue: 300 万元至 2000 万元 }
  - { code: micro, label: 微型, staff: [8, 19], revenue: 300 万元以下 }
`;

describe('the reference data file', () => {
  it('ships the 18 Changchun districts and the ten industries', () => {
    const ref = referenceData();
    expect(ref.districts).toHaveLength(18);
    expect(ref.districts.find((d) => d.code === 'qikai')?.aliases).toContain('汽车经济技术开发区');
    expect(ref.industries.map((i) => i.code)).toContain('other');
  });

  it('refuses duplicate codes and missing size bands, saying where', () => {
    const broken = OTHER_CITY.replace('code: gaoxin', 'code: chuanying').replace(/  - \{ code: micro.*\n/, '');
    expect(() => parseReferenceData(broken, 'city.yaml')).toThrow(ReferenceDataError);
    try {
      parseReferenceData(broken, 'city.yaml');
    } catch (err) {
      expect((err as Error).message).toContain('city.yaml');
      expect((err as Error).message).toContain('区域编码');
      expect((err as Error).message).toContain('企业规模');
    }
  });

  it('is all another city needs: seed, questionnaire options and name matching follow it', () => {
    const ref = parseReferenceData(OTHER_CITY, 'jilin.yaml');
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'dsd-ref-')), 'dsd.sqlite'));
    seedReferenceData(db, ref);
    expect(db.prepare('SELECT code FROM districts ORDER BY sort_order LIMIT 2').pluck().all()).toEqual(['chuanying', 'gaoxin']);
    db.close();

    const core = loadQuestionnaires(resolve('questionnaires'), referenceOptions(ref)).find((q) => q.id === 'core')!;
    const district = core.items.find((i) => i.def.role === 'district')!.def;
    expect(district.kind === 'single' && district.options.map((o) => o.label)).toEqual(['船营区', '高新区']);
    const shipped = loadQuestionnaires(resolve('questionnaires')).find((q) => q.id === 'core')!;
    expect(core.hash).not.toBe(shipped.hash);

    const m = districtMatcher(ref.districts, ref.city);
    expect(m.match('吉林省吉林市船营区')).toBe('chuanying');
    expect(m.match('吉林高新技术产业开发区')).toBe('gaoxin');
    expect(m.match('朝阳区')).toBeNull();
  });
});

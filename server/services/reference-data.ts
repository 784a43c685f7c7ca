/**
 * Reference data seeded on every start (idempotent): the 18 Changchun work areas as districts, in the
 * programme's order, and the industries with the questionnaire each uses.
 */
import type { Db } from '../db/open.js';

/** Codes match the core questionnaire's profile.district option values. */
export const DISTRICTS: readonly { code: string; name: string }[] = [
  { code: 'chaoyang', name: '朝阳区' },
  { code: 'lvyuan', name: '绿园区' },
  { code: 'xinqu_south', name: '长春新区（南）' },
  { code: 'nanguan', name: '南关区' },
  { code: 'jingyue', name: '净月区' },
  { code: 'erdao', name: '二道区' },
  { code: 'jingkai', name: '经开区' },
  { code: 'lianhuashan', name: '莲花山度假区' },
  { code: 'xinqu_north', name: '长春新区（北）' },
  { code: 'kuancheng', name: '宽城区' },
  { code: 'qikai', name: '汽开区' },
  { code: 'dehui', name: '德惠市' },
  { code: 'zhonghan', name: '中韩示范区' },
  { code: 'yushu', name: '榆树市' },
  { code: 'jiutai', name: '九台区' },
  { code: 'shuangyang', name: '双阳区' },
  { code: 'nongan', name: '农安县' },
  { code: 'gongzhuling', name: '公主岭市' },
];

/** The nine industries of the plan's annex, plus 其他 for enterprises outside them (core questionnaire only). */
export const INDUSTRIES: readonly { code: string; name: string; questionnaireId: string }[] = [
  { code: 'steel', name: '钢铁', questionnaireId: 'steel' },
  { code: 'nonferrous', name: '有色金属', questionnaireId: 'nonferrous' },
  { code: 'petrochem', name: '石化化工', questionnaireId: 'petrochem' },
  { code: 'auto', name: '汽车', questionnaireId: 'auto' },
  { code: 'aviation', name: '民用航空器', questionnaireId: 'aviation' },
  { code: 'shipbuilding', name: '民用船舶', questionnaireId: 'shipbuilding' },
  { code: 'textile', name: '纺织', questionnaireId: 'textile' },
  { code: 'ic', name: '集成电路', questionnaireId: 'ic' },
  { code: 'software', name: '软件', questionnaireId: 'software' },
  { code: 'other', name: '其他工业行业', questionnaireId: 'core' },
];

export function seedReferenceData(db: Db): void {
  const district = db.prepare(
    `INSERT INTO districts (code, name, sort_order) VALUES (?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order`,
  );
  const industry = db.prepare(
    `INSERT INTO industries (code, name, questionnaire_id, sort_order) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, questionnaire_id = excluded.questionnaire_id,
       sort_order = excluded.sort_order`,
  );
  db.transaction(() => {
    DISTRICTS.forEach((d, i) => district.run(d.code, d.name, i + 1));
    INDUSTRIES.forEach((x, i) => industry.run(x.code, x.name, x.questionnaireId, i + 1));
  })();
}

import { describe, expect, it } from 'vitest';
import { districtMatcher } from '../../server/domain/district-names.js';
import { industryCodeFor } from '../../server/domain/industry-names.js';
import { referenceData } from '../../server/db/reference-data.js';

const { districts: DISTRICTS, industries: INDUSTRIES, city } = referenceData();
const m = districtMatcher(DISTRICTS, city);

describe('districtMatcher', () => {
  it.each([
    ['长春新区（南）', 'xinqu_south'],
    ['长春新区南区', 'xinqu_south'],
    ['长春新区(南)', 'xinqu_south'],
    ['新区南区', 'xinqu_south'],
    ['长春新区 （北）', 'xinqu_north'],
    ['汽开区', 'qikai'],
    ['汽车经济技术开发区', 'qikai'],
    ['汽车开发区', 'qikai'],
    ['长春汽车经济技术开发区', 'qikai'],
    ['经开区', 'jingkai'],
    ['经济技术开发区', 'jingkai'],
    ['长春经开区', 'jingkai'],
    ['净月区', 'jingyue'],
    ['净月高新区', 'jingyue'],
    ['净月高新技术产业开发区', 'jingyue'],
    ['莲花山度假区', 'lianhuashan'],
    ['莲花山生态旅游度假区', 'lianhuashan'],
    ['中韩示范区', 'zhonghan'],
    ['中韩（长春）国际合作示范区', 'zhonghan'],
    ['中韩(长春)国际合作示范区', 'zhonghan'],
    ['公主岭市', 'gongzhuling'],
    ['公主岭', 'gongzhuling'],
    ['长春市朝阳区', 'chaoyang'],
    ['吉林省长春市 绿园区', 'lvyuan'],
    [' 朝阳 ', 'chaoyang'],
    ['农安', 'nongan'],
    ['九台区\n', 'jiutai'],
  ])('%s → %s', (name, code) => {
    expect(m.match(name)).toBe(code);
  });

  it.each(['', '新区', '高新区', '沈阳市铁西区', '北京'])('does not guess for %j', (name) => {
    expect(m.match(name)).toBeNull();
  });

  it('recognises every canonical name', () => {
    for (const d of DISTRICTS) expect(m.match(d.name)).toBe(d.code);
  });
});

describe('industryCodeFor', () => {
  const codes = INDUSTRIES.map((i) => i.code);
  it.each([
    ['钢铁', 'steel'],
    ['黑色金属冶炼和压延加工业', 'steel'],
    ['有色金属冶炼和压延加工业', 'nonferrous'],
    ['有色', 'nonferrous'],
    ['石化', 'petrochem'],
    ['化学原料和化学制品制造业', 'petrochem'],
    ['石油、煤炭及其他燃料加工业', 'petrochem'],
    ['汽车制造业', 'auto'],
    ['汽车零部件', 'auto'],
    ['航空', 'aviation'],
    ['民机', 'aviation'],
    ['造船', 'shipbuilding'],
    ['船舶', 'shipbuilding'],
    ['化学纤维制造业', 'textile'],
    ['纺织服装、服饰业', 'textile'],
    ['集成电路', 'ic'],
    ['半导体', 'ic'],
    ['软件和信息技术服务业', 'software'],
    ['铁路、船舶、航空航天和其他运输设备制造业', 'other'],
    ['食品制造业', 'other'],
    ['AUTO', 'auto'],
    ['', 'other'],
  ])('%s → %s', (name, code) => {
    expect(industryCodeFor(name, codes)).toBe(code);
  });
});

/**
 * The software module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun
 * industrial-software company), then the software rules: the annex's risks, the key-enterprise criterion and the
 * grading of hosted data and source code.
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'software',
  industryName: '软件',
  // A provincial 专精特新 SME is a key enterprise under the annex.
  keyEnterprise: true,
  keyTypes: ['software.dt.source_code', 'software.dt.algorithm'],
  scenarios: ['tampering', 'supply_chain'],
});

describe('软件行业模块', () => {
  it('has items for the software risks of the annex', () => {
    // 源代码漏洞审查、开源组件评估与白名单、API 的认证授权与数据暴露、云化服务、AI 训练
    for (const id of ['software.supply.code_audit', 'software.supply.sca', 'software.supply.whitelist', 'software.api.authz', 'software.api.exposure', 'software.cloud.tenant_isolation', 'software.ai.data_source'])
      expect(m.q.itemById.has(id), id).toBe(true);
  });

  it('flags key software enterprises, 专精特新 SMEs and leaders, but not others', () => {
    const ke = (recognition: string[]) => score(m.q, { ...m.answers, 'software.profile.recognition': recognition }).profile.keyEnterprise?.met;
    expect(ke(['key_software'])).toBe(true);
    expect(ke(['little_giant'])).toBe(true);
    expect(ke(['leader'])).toBe(true);
    expect(ke(['none'])).toBe(false);
  });

  it('grades hosted industrial data by what customers entrust, and code for national projects as core', () => {
    const hosted = (kind: string) =>
      m.catalogueFor([{ type: 'software.dt.customer_hosted', scale: 'regional', volume: 'large' }], {
        'software.profile.delivery': ['saas'],
        'software.profile.hosted_data': kind,
      })[0].level;
    expect(hosted('industrial_important')).toBe('important');
    expect(hosted('business')).toBe('general');
    // a non-secret national project alone is an important candidate; core needs industry-wide reach and high precision
    const [code, wide] = m.catalogueFor([
      { type: 'software.dt.source_code', scale: 'enterprise', national_project: true },
      { type: 'software.dt.source_code', scale: 'industry', precision: 'high', national_project: true },
    ]);
    expect(code.level).toBe('important');
    expect(wide.level).toBe('core');
  });
});

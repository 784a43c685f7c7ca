/** Writes small questionnaire files into a temporary directory for loader and checker tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MINIMAL_CORE = `kind: core
id: core
title: 测试通用部分
version: 1.0.0
exposure:
  - factor: internet
    label: 互联网暴露
    when: { item: profile.internet, eq: true }
sections:
  - id: profile
    title: 基本情况
    items:
      - id: profile.internet
        kind: yesno
        label: 是否暴露在互联网
      - id: profile.ot
        kind: multi
        label: 工控系统
        options:
          - { value: dcs, label: DCS }
          - { value: none, label: 无, exclusive: true }
  - id: classification
    title: 分类分级
    items:
      - id: classification.inventory
        kind: inventory
        label: 数据清单
        role: data_inventory
      - id: classification.catalogue_filed
        kind: control
        label: 重要数据目录已备案
        role: catalogue_filed
        scoring: { weight: 2, classification: true }
        refs: [{ standard: 工信部网安〔2022〕166号 }]
        finding: { problem: 目录未备案, recommendation: 向属地主管部门备案, priority: high }
      - id: classification.ot_assets
        kind: control
        label: 资产清单覆盖工控数据
        visible_if: { not: { item: profile.ot, includes: none } }
        scoring: { classification: true }
        refs: [{ standard: 工信厅信发〔2020〕6号 }]
        finding: { problem: 未覆盖工控数据, recommendation: 补充梳理 DCS 数据, priority: medium }
`;

export const MINIMAL_MODULE = `kind: industry
id: steel
core: core
industry_name: 钢铁
title: 测试钢铁模块
version: 1.0.0
key_enterprise:
  description: 粗钢年产量超过 1000 万吨
  when: { item: steel.output, gt: 1000 }
data_types:
  - id: steel.params
    name: 冶炼控制参数
    domain: production
    subcategory: 工艺参数
    key: true
    grading:
      - object: economy
        degree: serious
        when: { attr: scale, eq: national }
        reason: 全国范围影响
sections:
  - id: steel.profile
    title: 钢铁基本情况
    items:
      - id: steel.output
        kind: number
        label: 粗钢年产量
        unit: 万吨
        min: 0
`;

/** A temporary directory holding the given files (name → content). */
export function questionnaireDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsd-q-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

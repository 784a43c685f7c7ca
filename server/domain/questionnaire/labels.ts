/**
 * Chinese labels for the codes the questionnaire format and the scoring engine use. The UI, the report and
 * the CLI all take their wording from here, so one code is always shown with one name.
 * Typed as Record<code, string> so that adding a code to an enum without a label fails to compile.
 */
import type {
  CapabilityCode,
  ControlAnswerCode,
  DataDomainCode,
  ExposureFactorCode,
  ImpactDegreeCode,
  ImpactObjectCode,
  PriorityCode,
  RiskAreaCode,
  RiskScenarioCode,
} from './schema.js';

/** Data level of a catalogue row (《工业和信息化领域数据安全管理办法（试行）》). */
export type DataLevel = 'general' | 'important' | 'core';
/** Enterprise or entry risk level; 'none' only for an enterprise without risk entries. */
export type RiskLevel = 'major' | 'high' | 'medium' | 'low' | 'none';

export const DOMAIN_LABELS: Record<DataDomainCode, string> = {
  rnd: '研发数据域',
  production: '生产数据域',
  operation: '运维数据域',
  management: '管理数据域',
  external: '外部数据域',
};

export const IMPACT_OBJECT_LABELS: Record<ImpactObjectCode, string> = {
  national_security: '国家安全',
  economy: '经济运行',
  social_order: '社会秩序',
  public_interest: '公共利益',
  organization: '组织权益',
  personal: '个人权益',
};

export const IMPACT_DEGREE_LABELS: Record<ImpactDegreeCode, string> = {
  especially_serious: '特别严重',
  serious: '严重',
  general: '一般',
};

export const DATA_LEVEL_LABELS: Record<DataLevel, string> = {
  general: '一般数据',
  important: '重要数据',
  core: '核心数据',
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  major: '重大',
  high: '高',
  medium: '中',
  low: '低',
  none: '无',
};

export const RISK_SCENARIO_LABELS: Record<RiskScenarioCode, string> = {
  ransomware: '勒索病毒攻击',
  vuln_backdoor: '漏洞后门',
  insider_misuse: '人员违规操作',
  uncontrolled_remote_om: '非受控远程运维',
  leakage: '数据泄露',
  tampering: '数据篡改',
  abuse: '数据滥用',
  illegal_transfer: '违规传输',
  illegal_access: '非法访问',
  traffic_anomaly: '流量异常',
  supply_chain: '供应链攻击',
  data_loss: '数据丢失',
  compliance: '合规风险',
};

/** The four risk-identification areas of GB/T 45577-2025. */
export const RISK_AREA_LABELS: Record<RiskAreaCode, string> = {
  management: '数据安全管理',
  processing: '数据处理活动',
  technology: '数据安全技术',
  personal_info: '个人信息保护',
};

export const EXPOSURE_FACTOR_LABELS: Record<ExposureFactorCode, string> = {
  internet: '互联网暴露',
  remote_om: '远程运维',
  third_party: '第三方参与',
  cross_border: '数据出境',
  incidents: '历史安全事件',
  cloud: '公有云部署',
};

export const CAPABILITY_LABELS: Record<CapabilityCode, string> = {
  organization: '组织建设',
  process: '制度流程',
  technology: '技术工具',
  people: '人员能力',
};

export const PRIORITY_LABELS: Record<PriorityCode, string> = {
  high: '高',
  medium: '中',
  low: '低',
};

export const CONTROL_ANSWER_LABELS: Record<ControlAnswerCode, string> = {
  full: '符合',
  partial: '部分符合',
  none: '不符合',
  na: '不适用',
};

/** DSMM capability levels (GB/T 37988-2019); 0 = level 1 not reached. */
export const MATURITY_LEVEL_LABELS: Record<0 | 1 | 2 | 3 | 4 | 5, string> = {
  0: '未达到一级',
  1: '一级 非正式执行',
  2: '二级 计划跟踪',
  3: '三级 充分定义',
  4: '四级 量化控制',
  5: '五级 持续优化',
};

/** The 30 DSMM process areas (GB/T 37988-2019), standards.md §4. */
export const PROCESS_AREA_NAMES: Record<string, string> = {
  PA01: '数据分类分级',
  PA02: '数据采集安全管理',
  PA03: '数据源鉴别及记录',
  PA04: '数据质量管理',
  PA05: '数据传输加密',
  PA06: '网络可用性管理',
  PA07: '存储媒体安全',
  PA08: '逻辑存储安全',
  PA09: '数据备份和恢复',
  PA10: '数据脱敏',
  PA11: '数据分析安全',
  PA12: '数据正当使用',
  PA13: '数据处理环境安全',
  PA14: '数据导入导出安全',
  PA15: '数据共享安全',
  PA16: '数据发布安全',
  PA17: '数据接口安全',
  PA18: '数据销毁处置',
  PA19: '存储媒体销毁处置',
  PA20: '数据安全策略规划',
  PA21: '组织和人员管理',
  PA22: '合规管理',
  PA23: '数据资产管理',
  PA24: '数据供应链安全',
  PA25: '元数据管理',
  PA26: '终端数据安全',
  PA27: '监控与审计',
  PA28: '鉴别与访问控制',
  PA29: '需求分析',
  PA30: '安全事件应急',
};

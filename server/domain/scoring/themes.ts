/**
 * The risk themes of the register (review §3.3A): which item scenarios each gathers, its title, and whether it is
 * a production-stop scenario (OT impact floor) or one of the plan's four frequent risks (it gets a 自查结论).
 * One table so the register, the verdicts and the findings agree.
 */
import type { RiskScenarioCode } from '../questionnaire/schema.js';
import type { RiskThemeCode } from './types.js';

export interface ThemeDef {
  code: RiskThemeCode;
  title: string;
  scenarios: readonly RiskScenarioCode[];
  /** Stops production when it hits OT: impact ≥ 3 at an enterprise with OT. */
  otFloor: boolean;
  /** One of the four frequent-risk scenarios of the 2024–2026 plan. */
  frequent: boolean;
}

export const THEMES: readonly ThemeDef[] = [
  { code: 'ransomware', title: '勒索病毒攻击与数据丢失', scenarios: ['ransomware', 'data_loss'], otFloor: true, frequent: true },
  { code: 'vuln_backdoor', title: '漏洞后门', scenarios: ['vuln_backdoor'], otFloor: true, frequent: true },
  { code: 'insider_misuse', title: '人员违规操作与数据滥用', scenarios: ['insider_misuse', 'abuse'], otFloor: false, frequent: true },
  { code: 'remote_om', title: '非受控远程运维', scenarios: ['uncontrolled_remote_om'], otFloor: true, frequent: true },
  { code: 'leakage', title: '数据泄露与非法访问', scenarios: ['leakage', 'illegal_access', 'traffic_anomaly'], otFloor: false, frequent: false },
  { code: 'tampering', title: '数据篡改', scenarios: ['tampering'], otFloor: true, frequent: false },
  { code: 'illegal_transfer', title: '违规传输与出境', scenarios: ['illegal_transfer'], otFloor: false, frequent: false },
  { code: 'supply_chain', title: '供应链与委托处理', scenarios: ['supply_chain'], otFloor: false, frequent: false },
];

const BY_SCENARIO = new Map<RiskScenarioCode, ThemeDef>(THEMES.flatMap((t) => t.scenarios.map((s) => [s, t] as const)));

/** The theme an item scenario belongs to; undefined for compliance (the obligations checklist). */
export function themeOf(scenario: RiskScenarioCode): ThemeDef | undefined {
  return BY_SCENARIO.get(scenario);
}

/**
 * Vocabularies of the figures the bureau owes upward, from the seed notices: the suggested training courses and the
 * typical-case directions. Kept apart from vocabularies.ts so that only the pages that offer them load them.
 */

/** The header row of a 宣贯培训 import sheet (services/training-import.ts reads it; the console shows it). */
export const TRAINING_COLUMNS = ['日期', '课程', '组织单位', '区县', '人次', '参训企业'] as const;

/**
 * The suggested 宣贯培训 courses: attachment 2 of the Changchun notice on the 2024–2026 capability plan
 * (数据安全宣贯培训建议课程表), general courses first, then the topical ones. A training may name another course.
 */
export const TRAINING_COURSES: readonly { group: string; name: string }[] = [
  { group: '通识课程', name: '《工业和信息化领域数据安全管理办法（试行）》解读' },
  { group: '通识课程', name: '《工业领域数据安全能力提升实施方案（2024-2026年）》解读' },
  { group: '通识课程', name: '工业领域重要数据识别、防护与评估' },
  { group: '通识课程', name: '工业领域数据安全风险防范与处置' },
  { group: '专题课程', name: '工业领域数据安全技术保障能力建设' },
  { group: '专题课程', name: '工业领域数据安全行政执法' },
  { group: '专题课程', name: '工业领域数据出境安全评估' },
  { group: '专题课程', name: '工业领域数据安全典型案例分享' },
  { group: '专题课程', name: '工信领域数据安全人才培养体系' },
  { group: '专题课程', name: '《数据防勒索指南》解读' },
];

/**
 * Typical-case directions as the notices write them: the 2023 selection notice (工信厅网安函〔2023〕266号) has four
 * directions with ten types; the 护航 notice (工网安函〔2024〕926号) five directions. Stored as the text shown.
 */
export const CASE_DIRECTIONS: readonly { notice: string; direction: string }[] = [
  ...[
    '数据安全基础共性方向—数据分类分级类',
    '数据安全基础共性方向—数据脱敏类',
    '数据安全基础共性方向—数据加密类',
    '数据安全基础共性方向—数据攻击检测类',
    '数据安全基础共性方向—数据防泄露类',
    '数据安全监测分析方向—数据安全监测感知类',
    '数据安全监测分析方向—数据溯源类',
    '数据安全体系整体设计实施方向—整体设计实施类',
    '其他方向—电信和互联网领域隐私计算类',
    '其他方向—汽车数据安全保护类',
  ].map((direction) => ({ notice: '数据安全典型案例（2023）', direction })),
  ...['工业互联网安全分类分级', '车联网网络安全防护', '工业控制系统安全评估', '工业控制产品安全漏洞治理', '网络安全威胁监测服务'].map(
    (direction) => ({ notice: '护航新型工业化网络安全典型案例', direction }),
  ),
];

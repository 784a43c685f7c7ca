/**
 * Chinese labels for codes that the server's label module does not name yet (assessment workflow, diagnosis status,
 * inventory attributes). Typed by the contract's codes, so a new code without a label fails to compile.
 */
import type {
  AssessmentStatus,
  DiagnosisStatus,
  InventoryScaleCode,
  InventoryVolumeCode,
  PersonalCountCode,
  StorageLocationCode,
} from './contract.js';

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: '填写中',
  submitted: '已提交',
  reviewed: '已审核',
  issued: '已出具报告',
};

export const DIAGNOSIS_STATUS_LABELS: Record<DiagnosisStatus, string> = {
  pending: '待诊断',
  done: '已完成',
  refused: '拒绝诊断',
};

export const SCALE_LABELS: Record<InventoryScaleCode, string> = {
  enterprise: '本企业',
  regional: '区域',
  industry: '行业',
  national: '全国',
};

export const VOLUME_LABELS: Record<InventoryVolumeCode, string> = {
  small: '少量',
  medium: '中等',
  large: '大量',
  massive: '海量',
};

export const PERSONAL_COUNT_LABELS: Record<PersonalCountCode, string> = {
  none: '不含个人信息',
  lt_100k: '少于 10 万人',
  lt_1m: '10 万～100 万人',
  lt_10m: '100 万～1000 万人',
  ge_10m: '1000 万人及以上',
};

export const LOCATION_LABELS: Record<StorageLocationCode, string> = {
  onprem: '本地机房',
  cloud: '云上',
  abroad: '境外',
};

export const PRECISION_LABELS: Record<'low' | 'medium' | 'high', string> = {
  low: '低',
  medium: '中',
  high: '高',
};

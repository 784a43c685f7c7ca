/**
 * Chinese labels for the inventory attributes, which the server's label modules do not name yet (workflow and
 * diagnosis status labels come from server/domain/vocabularies.ts through contract.ts). Typed by the contract's
 * codes, so a new code without a label fails to compile.
 */
import type {
  InventoryScaleCode,
  InventoryVolumeCode,
  PersonalCountCode,
  StorageLocationCode,
} from './contract.js';

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

/**
 * The two variants of a questionnaire: 深度诊断 (full, every item) and 快速诊断 (quick, for a 90–120 minute visit:
 * the scored items tagged `tier: quick`, with the whole profile and data inventory). The variant is chosen when an
 * assessment starts; the web app and the scoring engine both narrow the visible items through this one function.
 */
import type { Questionnaire } from './compose.js';
import { isScored, type VariantCode } from './schema.js';

/** Removes, in place, the scored items the variant does not ask; returns the same set. */
export function narrowToVariant(q: Questionnaire, visible: Set<string>, variant: VariantCode): Set<string> {
  if (variant === 'full') return visible;
  for (const { def } of q.items) if (isScored(def) && def.tier !== 'quick') visible.delete(def.id);
  return visible;
}

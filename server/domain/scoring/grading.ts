/**
 * The GB/T 43697-2024 grading table (standards.md §3): the data level that an (impact object, degree) pair
 * implies. When several pairs apply, the highest level wins (就高从严).
 */
import type { z } from 'zod';
import type { DataLevel } from '../questionnaire/labels.js';
import type { ImpactDegree, ImpactObject } from '../questionnaire/schema.js';

type Object_ = z.infer<typeof ImpactObject>;
type Degree = z.infer<typeof ImpactDegree>;

const TABLE: Record<Object_, Record<Degree, DataLevel>> = {
  national_security: { especially_serious: 'core', serious: 'core', general: 'important' },
  economy: { especially_serious: 'core', serious: 'important', general: 'general' },
  social_order: { especially_serious: 'core', serious: 'important', general: 'general' },
  public_interest: { especially_serious: 'core', serious: 'important', general: 'general' },
  organization: { especially_serious: 'general', serious: 'general', general: 'general' },
  personal: { especially_serious: 'general', serious: 'general', general: 'general' },
};

export const LEVEL_RANK: Record<DataLevel, number> = { general: 1, important: 2, core: 3 };

export function levelFor(object: Object_, degree: Degree): DataLevel {
  return TABLE[object][degree];
}

/** The higher of two levels (null = nothing held). */
export function higherLevel(a: DataLevel | null, b: DataLevel | null): DataLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

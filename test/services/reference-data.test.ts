import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';
import { referenceData } from '../../server/db/reference-data.js';

const { districts: DISTRICTS, industries: INDUSTRIES } = referenceData();

// The districts and industries reach the server twice: as seeded rows and as answer options of the core
// questionnaire. Both come from data/seed/reference.yaml; an answer must always name a row the server knows.
describe('reference data and the core questionnaire', () => {
  const core = loadQuestionnaires(resolve('questionnaires')).find((q) => q.id === 'core')!;
  const options = (role: string) => {
    const item = core.items.find((i) => i.def.role === role)!.def;
    if (item.kind !== 'single') throw new Error(`${role} is not a single choice`);
    return item.options.map((o) => ({ code: o.value, name: o.label }));
  };

  it('offers exactly the seeded districts, same codes, names and order', () => {
    expect(options('district')).toEqual(DISTRICTS.map((d) => ({ code: d.code, name: d.name })));
  });

  it('offers exactly the seeded industry codes, in order', () => {
    expect(options('industry').map((o) => o.code)).toEqual(INDUSTRIES.map((i) => i.code));
  });
});

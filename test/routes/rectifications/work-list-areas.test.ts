/**
 * The areas the work list offers (the sections with listed findings in the caller's district or the city, kept in
 * rectification_areas by triggers on rectification_tally, migration 185) follow the writes: an area appears when
 * an assessment's findings are listed (after review), not before; an enterprise moving district takes its areas
 * along; an area goes with the last finding in it; and the migration fills the table from the tally.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/db/open.js';
import { batch, completeAnswers, createWorld, draft, type World } from '../assessments/world.js';
import type { LoggedIn } from '../../helpers/app.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

const areas = async (as: LoggedIn) => {
  const res = await w.call(as, 'GET', '/api/rectifications?pageSize=1');
  expect(res.status).toBe(200);
  return (res.body.areas as { id: string }[]).map((a) => a.id);
};
const seen = async () => ({
  bureau: await areas(w.users.bureau),
  own: await areas(w.users.districtOwn),
  other: await areas(w.users.districtOther),
});

/** A field assessment of `enterpriseId` with findings, submitted (and reviewed unless told otherwise) as admin. */
async function assessed(enterpriseId: number, answers: { itemId: string; value: unknown }[], review = true): Promise<number> {
  const id = await draft(w, w.users.admin, enterpriseId, 'field');
  expect((await w.call(w.users.admin, 'PUT', `/api/assessments/${id}/answers`, batch(0, answers))).status).toBe(200);
  for (const step of review ? ['submit', 'review'] : ['submit'])
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${id}/${step}`)).status).toBe(200);
  return id;
}

const sectionsOf = (assessmentId: number) =>
  w.app.db.prepare('SELECT DISTINCT section_id FROM rectifications WHERE assessment_id = ? ORDER BY 1').pluck().all(assessmentId) as string[];

describe('work list areas', () => {
  it('appear with listed findings and go with the last one, in the district and the city', async () => {
    expect(await seen()).toEqual({ bureau: [], own: [], other: [] });

    // Submitted: findings recorded but not listed yet.
    const first = await assessed(w.own, completeAnswers('none'), false);
    expect(sectionsOf(first).length).toBeGreaterThan(0);
    expect(await seen()).toEqual({ bureau: [], own: [], other: [] });
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${first}/review`)).status).toBe(200);
    const core = sectionsOf(first);
    expect(await seen()).toEqual({ bureau: core, own: core, other: [] });

    // The automotive enterprise (same district) adds the module's section.
    const auto = await assessed(w.ownAuto, [...completeAnswers('none'), { itemId: 'auto.production.plc_backup', value: 'none' }]);
    expect(sectionsOf(auto)).toContain('auto.production');
    const both = [...new Set([...core, ...sectionsOf(auto)])].sort();
    expect(both.length).toBeGreaterThan(core.length);
    expect(await seen()).toEqual({ bureau: both, own: both, other: [] });

    // The automotive enterprise moves to the other district: its areas go with it.
    const other = w.app.db.prepare(`SELECT id FROM districts WHERE name = '南关区'`).pluck().get() as number;
    expect((await w.call(w.users.admin, 'PATCH', `/api/enterprises/${w.ownAuto}`, { district: other })).status).toBe(200);
    expect(await seen()).toEqual({ bureau: both, own: core, other: sectionsOf(auto) });

    // The last finding of the module's section removed: the area goes from that district and the city.
    w.app.db.prepare(`DELETE FROM rectifications WHERE assessment_id = ? AND section_id = 'auto.production'`).run(auto);
    const rest = sectionsOf(auto);
    expect(await seen()).toEqual({ bureau: core, own: core, other: rest });
    // A finding moved to another section takes its area along.
    w.app.db.prepare(`UPDATE rectifications SET section_id = 'auto.production' WHERE assessment_id = ?`).run(auto);
    expect(await seen()).toEqual({ bureau: [...new Set([...core, 'auto.production'])].sort(), own: core, other: ['auto.production'] });
    w.app.db.prepare('DELETE FROM rectifications WHERE assessment_id = ?').run(auto);
    expect(await seen()).toEqual({ bureau: core, own: core, other: [] });
  });

  it('are not changed by findings of a submission taken back', async () => {
    await assessed(w.own, completeAnswers('none'));
    const before = await seen();
    const auto = await assessed(w.ownAuto, [...completeAnswers('none'), { itemId: 'auto.production.plc_backup', value: 'none' }], false);
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${auto}/reopen`, { reason: '补充材料' })).status).toBe(200);
    expect(sectionsOf(auto)).toEqual([]);
    expect(await seen()).toEqual(before);
  });

  it('are filled by migration 185 from the tally', async () => {
    await assessed(w.own, completeAnswers('none'));
    await assessed(w.other, completeAnswers('partial'));
    const db = w.app.db;
    const table = () => db.prepare('SELECT * FROM rectification_areas WHERE tallies > 0 ORDER BY 1, 2').all();
    const want = { table: table(), seen: await seen() };
    expect(want.table.length).toBeGreaterThan(0);
    expect(want.seen.own.length).toBeGreaterThan(0);

    db.exec(`DROP TRIGGER rectification_areas_ti; DROP TRIGGER rectification_areas_tu; DROP TRIGGER rectification_areas_td;
      DROP TABLE rectification_areas`);
    db.prepare(`DELETE FROM schema_migrations WHERE name = '185-rectification-areas.sql'`).run();
    expect(migrate(db)).toEqual(['185-rectification-areas.sql']);
    expect({ table: table(), seen: await seen() }).toEqual(want);
  });
});

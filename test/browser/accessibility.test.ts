/**
 * Every page of the web app, opened as the role that uses it, has no serious or critical accessibility violation
 * (axe-core, WCAG 2.1 A and AA): names for every control, landmarks, contrast, valid ARIA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserWorld, createFieldAssessment, signIn, type BrowserWorld } from './world.js';
import { seriousA11yProblems } from '../helpers/axe.js';
import { inApp } from '../helpers/web.js';

let w: BrowserWorld;
let assessment: number;

beforeAll(async () => {
  w = await createBrowserWorld();
  assessment = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

type Who = keyof BrowserWorld['users'] | null;

/** The pages each role works on; ids are filled in once the world exists. */
const PAGES: [Who, (ids: { assessment: number; enterprise: number }) => string][] = [
  [null, () => '/'],
  [null, () => '/login'],
  ['diag', () => '/work'],
  ['diag', ({ assessment }) => `/assessments/${assessment}`],
  ['diag', ({ assessment }) => `/assessments/${assessment}/review`],
  ['diag', () => '/offline'],
  ['diag', () => '/account/password'],
  ['diag', () => '/rectifications'],
  ['enterprise', () => '/portal'],
  ['enterprise', () => '/rectifications'],
  ['district', () => '/dashboard'],
  ['district', () => '/dashboard/enterprises'],
  ['district', ({ enterprise }) => `/enterprises/${enterprise}`],
  ['bureau', () => '/roster'],
  ['bureau', () => '/accounts'],
  ['bureau', () => '/upward/plan'],
  ['bureau', () => '/upward/trainings'],
  ['bureau', () => '/upward/cases'],
  ['admin', () => '/contacts'],
];

describe('accessibility of every page (axe-core)', () => {
  for (const [who, path] of PAGES) {
    const label = path({ assessment: 0, enterprise: 0 }).replace(/\/0(\/|$)/, '/:id$1');
    it(`${label} as ${who ?? 'a visitor'} has no serious or critical violation`, { timeout: 60_000 }, async () => {
      const context = await w.browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        if (who) await signIn(w, page, w.users[who].id);
        await page.goto(w.base + path({ assessment, enterprise: w.enterprises.own }), { waitUntil: 'networkidle0' });
        await page.locator(inApp('h1')).wait();
        expect(await seriousA11yProblems(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * Accessibility check of the page as it stands, with axe-core run inside the browser (open shadow roots included).
 * Returns the serious and critical violations in a readable form, so a failing test names the rule and the element.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

// Evaluated through the DevTools protocol rather than a <script> tag: the app's CSP (rightly) refuses inline scripts.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yProblem {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousA11yProblems(page: Page): Promise<A11yProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      rule: v.id as string,
      impact: v.impact as string,
      help: v.help as string,
      targets: (v.nodes as { target: unknown[] }[]).slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

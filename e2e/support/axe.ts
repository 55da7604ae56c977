/** Accessibility, measured: axe-core on a page, failing on any violation of moderate impact or worse. */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';

const COUNTED = new Set(['moderate', 'serious', 'critical']);

/** Runs axe on `page` as it is now; `what` names the screen in the failure and the printed count. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const counted = violations.filter((v) => COUNTED.has(v.impact ?? ''));
  const all = violations.map((v) => `${v.impact} ${v.id}`).join(', ');
  console.log(`axe ${what}: ${counted.length} moderate-or-worse violations (all: ${all || 'none'})`);
  // Soft: every screen of a test is measured, even after one fails.
  expect
    .soft(
      counted.map(
        (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      `axe on ${what}`,
    )
    .toEqual([]);
}

/** The lobby's "Relay only" setting: every link of the next call uses TURN relays, never this host's address. */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';

const RELAY_ONLY = 'Relay only (hide my IP address)';

export async function chooseRelayOnly(page: Page): Promise<void> {
  const setting = page.getByRole('checkbox', { name: RELAY_ONLY });
  await expect(setting, `the lobby's "${RELAY_ONLY}" setting`).toBeVisible();
  await setting.check();
}

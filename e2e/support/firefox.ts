/**
 * A Firefox person for the browser specs: Debian's firefox-esr driven over
 * WebDriver BiDi by puppeteer-core, with fake camera and microphone and no
 * permission prompt. It acts through the page as a person does (finds a
 * button by its accessible name, clicks it with the mouse) and reads the wire
 * through the same test hook as the Chromium pages.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { InboundStream } from '../../src/renderer/engine/stats';
import type {} from '../../src/renderer/testHook'; // window.__parleyTest's type

const FIREFOX = '/usr/bin/firefox-esr';

/** Firefox with fake devices, or why it cannot be driven here. */
export async function launchFirefox(): Promise<Browser | string> {
  if (!existsSync(FIREFOX)) return `${FIREFOX} is not installed`;
  try {
    return await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      // No display to capture, with or without xvfb-run around the suite: the same Firefox
      // everywhere (its screen share fails the same way in CI as here).
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
      extraPrefsFirefox: {
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        'media.autoplay.default': 0, // allowed: remote audio plays without a gesture, as in the Chromium specs
      },
    });
  } catch (error) {
    return `firefox-esr could not be driven over WebDriver BiDi: ${String(error)}`;
  }
}

/** Opens the web client at `url` (gets `test=1` added) in a fresh context and types the display name. */
export async function openFirefoxPerson(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    // puppeteer's in-page helpers use eval, which the page's CSP blocks (and Firefox reports); not the app's.
    if (!String(error).includes('unsafe-eval')) console.error(`[${name} (Firefox)] page error:`, error);
  });
  const address = new URL(url);
  address.searchParams.set('test', '1');
  await page.goto(address.href);
  const field = await page.waitForSelector('input[autocomplete="nickname"]');
  await field!.click({ count: 3 });
  await field!.type(name);
  await page.keyboard.press('Enter');
  return page;
}

/** Clicks the enabled button whose accessible name (aria-label, else its text) is `label`, as soon as there is one. */
export async function clickButton(page: Page, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('button')].find(
        (button) =>
          !button.disabled && (button.getAttribute('aria-label') ?? button.textContent?.trim()) === wanted,
      ) ?? false,
    {},
    label,
  );
  const button = handle.asElement() as ElementHandle<Element> | null;
  if (!button) throw new Error(`no button "${label}"`);
  await button.click();
}

/** Waits until some element's accessible name or text is `text`. */
export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('[aria-label], h1, [role="status"], p')].some(
        (element) => element.getAttribute('aria-label') === wanted || element.textContent?.includes(wanted),
      ),
    {},
    text,
  );
}

export function firefoxInbound(page: Page, peerId: string): Promise<InboundStream[]> {
  return page.evaluate((id) => window.__parleyTest!.inbound(id), peerId);
}

export function firefoxPeerIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__parleyTest!.peerIds());
}

export function firefoxLinkStates(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.values(window.__parleyTest!.linkStates()));
}

/** The invite link of the call the page is in. */
export async function firefoxInviteLink(page: Page): Promise<string> {
  const field = await page.waitForSelector('.invite input');
  return field!.evaluate((input) => (input as HTMLInputElement).value);
}

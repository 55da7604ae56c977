/**
 * The desktop app starts with its embedded signaling server, in a window
 * locked down the way the design asks: no Node in the page, sandboxed,
 * context-isolated, a CSP on app:// pages, foreign navigation refused.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serverInfo, useParleyDesktop } from './support';

const desktop = useParleyDesktop();

test('starts with the embedded server on loopback, which serves the web client to guests', async () => {
  const info = await serverInfo(desktop);
  expect(info).toMatchObject({ state: 'ready', mode: 'embedded', lan: false });
  if (info.state !== 'ready') throw new Error('server not ready');
  expect(info.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
  const page = await fetch(`${info.inviteOrigin}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  // The page connects through main to that server.
  await expect(desktop.window.getByText('Connecting to the server…')).toHaveCount(0);
});

test('runs as Parley, as packaged: its own name and icons, not Electron’s', async () => {
  const identity = await desktop.app.evaluate(({ app }) => ({ name: app.getName(), path: app.getAppPath() }));
  expect(identity.name).toBe('Parley');
  expect(existsSync(join(identity.path, 'assets/tray/idle.png'))).toBe(true);
});

test('the window lives its secure webPreferences', async () => {
  // index.wiring.test checks what main asks for; here, what the page lives: a frozen bridge, no cross-origin reads.
  const effective = await desktop.window.evaluate(
    async (origin) => ({
      bridgeFrozen: Object.isFrozen(window.parley),
      crossOriginRead: await fetch(`${origin}/`).then(
        () => 'allowed',
        () => 'blocked',
      ),
    }),
    ((await serverInfo(desktop)) as { inviteOrigin: string }).inviteOrigin,
  );
  expect(effective).toEqual({ bridgeFrozen: true, crossOriginRead: 'blocked' });
});

test('the page sees window.parley and nothing of Node or Electron', async () => {
  const globals = await desktop.window.evaluate(() => ({
    url: location.href,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    parley: window.parley ? Object.keys(window.parley).sort() : null,
  }));
  expect(globals).toEqual({
    url: expect.stringMatching(/^app:\/\/parley\/index\.html/),
    require: 'undefined',
    process: 'undefined',
    parley: ['app', 'call', 'devices', 'screen', 'server', 'settings', 'signaling'],
  });
});

test('app:// pages carry the Content-Security-Policy', async () => {
  const csp = await desktop.window.evaluate(async () =>
    (await fetch('/index.html')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
});

test('navigating the window away from the app is refused', async () => {
  await desktop.window.evaluate(() => {
    (window as unknown as { marker: number }).marker = 42;
    location.href = 'file:///etc/passwd';
  });
  // A round trip through main (which decided will-navigate), then the same document is still there.
  await desktop.window.evaluate(() => window.parley!.app.getInfo());
  expect(await desktop.window.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(desktop.window.url()).toMatch(/^app:\/\/parley\//);
});

test('main refuses IPC payloads that break the contract', async () => {
  const answer = await desktop.window.evaluate(() =>
    window.parley!.settings.update({ closeToTray: 'yes' as unknown as boolean }).then(
      () => 'accepted',
      (error: Error) => error.message,
    ),
  );
  expect(answer).toContain('settings:update: invalid argument');
});

/**
 * Playwright fixtures for the browser specs: one Debian Chromium per worker,
 * the real signaling server per test, and people who are closed when the test
 * ends. Specs tune them with `test.use`: `chromiumArgs` (worker-scoped: e.g.
 * three fake devices, or no fake permission UI) and `serverOptions`.
 */
import { test as base } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { ServerOptions, SignalingServer } from '../../src/server';
import { coturnUnavailable } from './coturn';
import { CHROMIUM_ARGS, launchChromium, openPerson, startServer, type OpenOptions } from './parley';

export { expect } from '@playwright/test';

interface PersonOptions extends OpenOptions {
  /** The server to open the web client from; by default the test's `server`. */
  server?: SignalingServer;
}

/** Opens a named person (a fresh browser context on the web client); closed when the test ends. */
export type Person = (name: string, options?: PersonOptions) => Promise<Page>;

/** Starts another signaling server on loopback; every one started is closed when the test ends. */
export type StartServer = (options?: ServerOptions) => Promise<SignalingServer>;

interface WorkerFixtures {
  /** Chromium's command line; the default has fake camera, microphone and permission UI. */
  chromiumArgs: string[];
  browser: Browser;
}

interface TestFixtures {
  serverOptions: ServerOptions;
  startServer: StartServer;
  /** The test's server, started with `serverOptions` on first use. */
  server: SignalingServer;
  person: Person;
  /** Starts the test's server once, for whichever of `server` and `person` asks first. */
  defaultServer: () => Promise<SignalingServer>;
}

/** `flags` with the fake-device flag carrying `device-count=n`, so device switches have somewhere to go. */
export function withFakeDevices(count: number, flags: string[] = CHROMIUM_ARGS): string[] {
  return flags.map((flag) =>
    flag === '--use-fake-device-for-media-stream' ? `${flag}=device-count=${count}` : flag,
  );
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  chromiumArgs: [CHROMIUM_ARGS, { option: true, scope: 'worker' }],
  browser: [
    async ({ chromiumArgs }, use) => {
      const browser = await launchChromium(chromiumArgs);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  serverOptions: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  startServer: async ({}, use) => {
    const started: SignalingServer[] = [];
    await use(async (options) => {
      const server = await startServer(options);
      started.push(server);
      return server;
    });
    // close() is idempotent: a server the test already closed is fine.
    await Promise.all(started.map((server) => server.close()));
  },
  defaultServer: async ({ startServer, serverOptions }, use) => {
    let server: Promise<SignalingServer> | undefined;
    await use(() => (server ??= startServer(serverOptions)));
  },
  server: async ({ defaultServer }, use) => {
    await use(await defaultServer());
  },
  person: async ({ browser, defaultServer }, use) => {
    const pages: Page[] = [];
    await use(async (name, { server, ...options } = {}) => {
      const page = await openPerson(browser, server ?? (await defaultServer()), name, options);
      pages.push(page);
      return page;
    });
    await Promise.all(pages.map((page) => page.context().close()));
  },
});

/** Call in a spec's beforeAll: skips it, saying why, where coturn is not installed. */
export function requireCoturn(): void {
  const reason = coturnUnavailable();
  if (reason) console.log(`TURN e2e skipped: ${reason}`);
  test.skip(reason !== undefined, reason);
}

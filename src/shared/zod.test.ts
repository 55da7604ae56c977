import { afterEach, describe, expect, it, vi } from 'vitest';

/** Imports a fresh copy of ./zod and the IPC contract, counting every `new Function` zod makes meanwhile. */
async function loadAndParse(): Promise<{ jitless: boolean | undefined; evals: number }> {
  vi.resetModules();
  let evals = 0;
  const RealFunction = Function;
  vi.stubGlobal(
    'Function',
    new Proxy(RealFunction, {
      construct(target, args) {
        evals++;
        return Reflect.construct(target, args);
      },
    }),
  );
  try {
    const { z } = await import('./zod');
    const { ipcContract } = await import('./ipc');
    ipcContract.settings.update.arg.parse({ closeToTray: true });
    z.object({ a: z.string() }).parse({ a: 'x' });
    return { jitless: z.config().jitless, evals };
  } finally {
    vi.stubGlobal('Function', RealFunction);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('zod configuration', () => {
  it('never evaluates code in a page, where the CSP forbids it', async () => {
    vi.stubGlobal('document', {});
    expect(await loadAndParse()).toEqual({ jitless: true, evals: 0 });
  });

  it('keeps the JIT in Node (server, main)', async () => {
    const { jitless, evals } = await loadAndParse();
    expect(jitless).toBe(false);
    expect(evals).toBeGreaterThan(0);
  });
});

/**
 * zod, configured: import `z` from here, never from 'zod', so the setting is
 * in force before any schema is built. In a page (renderer, preload) zod
 * must not probe for `new Function`: under Parley's CSP the caught probe
 * still reports a violation (Firefox) on every load. Node keeps zod's JIT.
 */
import { z } from 'zod';

z.config({ jitless: 'document' in globalThis });

export { z };

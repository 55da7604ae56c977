import { describe, expect, it } from 'vitest';
import { APP_CONNECT_SOURCES, contentSecurityPolicy } from './content-security-policy';

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );

describe('contentSecurityPolicy', () => {
  it('allows only the app’s own scripts and styles, no inline code, no eval but of WebAssembly', () => {
    const policy = directives(contentSecurityPolicy({ connectSrc: APP_CONNECT_SOURCES }));
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('lets Vite’s injected styles and React Refresh run under the dev server only', () => {
    const policy = directives(contentSecurityPolicy({ connectSrc: APP_CONNECT_SOURCES, devServer: true }));
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
  });
});

/**
 * Parley's pages have one Content-Security-Policy, built here and sent as a
 * header by whoever serves them (main's app:// handler, the dev server
 * through main's session); index.html carries none, since a meta policy
 * would add to the header and silently undo its allowances.
 */

export interface PolicyOptions {
  /** Where the page may connect: signaling servers (ws/wss) it is told about. */
  connectSrc: readonly string[];
  /** electron-vite's dev server: Vite injects <style> tags and an inline React Refresh preamble. */
  devServer?: boolean;
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const inline = options.devServer ? " 'unsafe-inline'" : '';
  return [
    "default-src 'self'",
    // WebAssembly (the effects' RNNoise and MediaPipe) compiles only our own files: no eval of strings.
    `script-src 'self' 'wasm-unsafe-eval'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${options.connectSrc.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The desktop app's pages connect to whichever server the user chose: this one, the LAN's, or a remote one. */
export const APP_CONNECT_SOURCES = ["'self'", 'ws:', 'wss:'] as const;

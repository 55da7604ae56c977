/** `window.parley`: present in Parley's desktop app, absent when the renderer runs as a web client. */
import type { ParleyApi } from '../shared/ipc';

declare global {
  interface Window {
    readonly parley?: ParleyApi;
  }
}

export {};

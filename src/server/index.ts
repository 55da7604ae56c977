/** The signaling server's public API, for Electron's main process, the CLI and tests. */
export { startSignalingServer, type SignalingServer } from './server';
export type { ServerOptions } from './config';

/**
 * For addInitScript, before the web client loads: keeps every RTCPeerConnection the page makes in
 * globalThis.benchConnections, so a bench can read both directions' stats.
 */
export function recordPeerConnections() {
  const Native = globalThis.RTCPeerConnection;
  const made = [];
  globalThis.benchConnections = made;
  globalThis.RTCPeerConnection = class extends Native {
    constructor(configuration) {
      super(configuration);
      made.push(this);
    }
  };
}

/**
 * Where the app's signaling server is: embedded on loopback (default),
 * embedded on the LAN address ("allow people on my network"), or remote.
 * Pure: server-host.ts starts the server the plan describes.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { ServerInfo } from '../shared/ipc';
import type { ServerSettings } from '../shared/settings';

export type ServerPlan =
  { kind: 'embedded'; host: string; port: number; lan: boolean } | { kind: 'remote'; wsUrl: string };

/** Container and VM bridges: their addresses are not reachable from the LAN. */
const VIRTUAL_INTERFACE = /^(docker|veth|br-|virbr|vmnet|vboxnet|utun|tun|tap|zt|tailscale)/i;

/** The address other people on the network reach this machine by: the first private IPv4. */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
  const candidates = Object.entries(interfaces)
    .filter(([name]) => !VIRTUAL_INTERFACE.test(name))
    .flatMap(([, list]) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal && !info.address.startsWith('169.254.'));
  return (candidates.find((info) => isPrivateIpv4(info.address)) ?? candidates[0])?.address ?? null;
}

function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** What to start for these settings; LAN mode falls back to loopback when there is no network. */
export function planServer(
  settings: ServerSettings,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): ServerPlan {
  if (settings.mode === 'remote') return { kind: 'remote', wsUrl: settings.url };
  const lan = settings.allowLan ? lanAddress(interfaces) : null;
  return { kind: 'embedded', host: lan ?? '127.0.0.1', port: settings.port, lan: lan !== null };
}

/**
 * What the renderer is told: where to connect and what origin invite links use.
 * `fingerprint`: the embedded server serves TLS with this certificate.
 */
export function describeServer(plan: ServerPlan, boundPort: number | null, fingerprint?: string): ServerInfo {
  if (plan.kind === 'remote') {
    const url = new URL(plan.wsUrl);
    const httpProtocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    return {
      state: 'ready',
      mode: 'remote',
      wsUrl: plan.wsUrl,
      inviteOrigin: `${httpProtocol}//${url.host}`,
      lan: false,
    };
  }
  const tls = fingerprint !== undefined;
  const address = `${plan.host}:${boundPort ?? plan.port}`;
  return {
    state: 'ready',
    mode: 'embedded',
    wsUrl: `${tls ? 'wss' : 'ws'}://${address}/ws`,
    inviteOrigin: `${tls ? 'https' : 'http'}://${address}`,
    lan: plan.lan,
    ...(tls ? { fingerprint } : {}),
  };
}

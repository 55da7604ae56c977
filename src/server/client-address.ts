/**
 * The client address limits are counted by. An IPv6 host usually holds a whole /64, so a
 * stranger could rotate through its addresses: IPv6 counts by /64, IPv4 by address.
 */
import type { Socket } from 'node:net';

export function clientAddress(socket: Socket): string {
  const address = socket.remoteAddress;
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:')) return address.slice('::ffff:'.length); // IPv4, mapped
  if (!address.includes(':')) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` filled in. */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

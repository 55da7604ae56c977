/**
 * The client address limits are counted by. An IPv6 host usually holds a whole /64, so a
 * stranger could rotate through its addresses: IPv6 counts by /64, IPv4 by address.
 * Behind a load balancer every socket comes from the balancer: a configured trusted proxy's
 * `X-Forwarded-For` names the client instead.
 */
import { BlockList, isIP, type Socket } from 'node:net';

export function clientAddress(socket: Socket): string {
  return addressKey(socket.remoteAddress);
}

/** The proxies whose `X-Forwarded-For` is believed: addresses or CIDR ranges. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
    this.empty = entries.length === 0;
  }

  has(address: string | undefined): boolean {
    if (this.empty || !address) return false;
    const plain = unmapIpv4(address);
    return this.list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The address a request came from: the rightmost `X-Forwarded-For` entry that is not itself
   * a trusted proxy (entries left of it were written by the client and prove nothing).
   */
  clientOf(socket: Socket, forwardedFor: string | string[] | undefined): string {
    if (!this.has(socket.remoteAddress) || forwardedFor === undefined) return clientAddress(socket);
    const hops = [forwardedFor].flat().join(',').split(',');
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = hops[index]!.trim();
      if (isIP(unmapIpv4(hop)) === 0) break; // garbage: stop at the last hop we can read
      if (!this.has(hop)) return addressKey(hop);
    }
    return clientAddress(socket);
  }
}

/** Whether an address/CIDR list entry is well formed (for the options schema). */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 6 ? 128 : 32);
}

function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = unmapIpv4(address);
  if (!plain.includes(':')) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/** The eight groups of an IPv6 address, `::` filled in. */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

/**
 * Which TCP connections the server takes: at most `maxConnections` in all and
 * `maxConnectionsPerAddress` from one address, counted from accept to close, so a stranger
 * holding sockets open cannot lock honest clients out. A trusted proxy's sockets carry many
 * clients: they count by the client its `X-Forwarded-For` names, from the upgrade on.
 */
import type { Socket } from 'node:net';
import { clientAddress, type TrustedProxies } from './client-address';
import type { Limits } from './config';
import type { Logger } from './logger';

const ignore = (): void => undefined;

export class Admission {
  private total = 0;
  private lastLogAt = 0;
  private readonly byAddress = new Map<string, number>();
  /** The client each proxied socket was counted for, once its upgrade named one. */
  private readonly forwardedClient = new WeakMap<Socket, string>();
  /** One handler for every socket (`this` is the socket): no closure per connection. */
  private readonly onClose: (this: Socket) => void;

  constructor(
    private readonly limits: Limits,
    private readonly proxies: TrustedProxies,
    private readonly log: Logger,
  ) {
    const release = (socket: Socket): void => this.release(socket);
    this.onClose = function (this: Socket) {
      release(this);
    };
  }

  /** Counts a new socket in, or destroys it when a cap is reached. */
  admit(socket: Socket): void {
    // A reset can come at any stage, even after Node's HTTP parser let go of the socket:
    // an error without a listener would end the process.
    socket.on('error', ignore);
    const proxied = this.proxies.has(socket.remoteAddress);
    const address = clientAddress(socket);
    if (this.total >= this.limits.maxConnections || (!proxied && this.isFull(address))) {
      this.refuse(socket, address);
      return;
    }
    this.total += 1;
    if (!proxied) this.count(address);
    socket.on('close', this.onClose);
  }

  /**
   * Counts a trusted proxy's socket for the client it carries, or destroys it when that client
   * is at its cap. False when refused.
   */
  admitForwarded(socket: Socket, client: string): boolean {
    if (!this.proxies.has(socket.remoteAddress) || this.forwardedClient.has(socket)) return true;
    if (this.isFull(client)) {
      this.refuse(socket, client);
      return false;
    }
    this.count(client);
    this.forwardedClient.set(socket, client);
    return true;
  }

  private isFull(address: string): boolean {
    return (this.byAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerAddress;
  }

  private count(address: string): void {
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
  }

  private refuse(socket: Socket, address: string): void {
    const now = Date.now();
    // A flood of refused sockets must not become a flood of log lines.
    if (now - this.lastLogAt >= 1000) {
      this.lastLogAt = now;
      this.log.warn({ address, total: this.total }, 'limit: connections');
    }
    socket.destroy();
  }

  private release(socket: Socket): void {
    this.total -= 1;
    const address = this.proxies.has(socket.remoteAddress)
      ? this.forwardedClient.get(socket)
      : clientAddress(socket);
    if (address === undefined) return;
    const left = (this.byAddress.get(address) ?? 1) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

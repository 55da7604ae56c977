/**
 * Which TCP connections the server takes: at most `maxConnections` in all and
 * `maxConnectionsPerAddress` from one address, counted from accept to close, so a stranger
 * holding sockets open cannot lock honest clients out.
 */
import type { Socket } from 'node:net';
import { clientAddress } from './client-address';
import type { Limits } from './config';
import type { Logger } from './logger';

const ignore = (): void => undefined;

export class Admission {
  private total = 0;
  private lastLogAt = 0;
  private readonly byAddress = new Map<string, number>();
  /** One handler for every socket (`this` is the socket): no closure per connection. */
  private readonly onClose: (this: Socket) => void;

  constructor(
    private readonly limits: Limits,
    private readonly log: Logger,
  ) {
    const release = (address: string): void => this.release(address);
    this.onClose = function (this: Socket) {
      release(clientAddress(this));
    };
  }

  /** Counts a new socket in, or destroys it when a cap is reached. */
  admit(socket: Socket): void {
    // A reset can come at any stage, even after Node's HTTP parser let go of the socket:
    // an error without a listener would end the process.
    socket.on('error', ignore);
    const address = clientAddress(socket);
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (this.total >= this.limits.maxConnections || fromAddress >= this.limits.maxConnectionsPerAddress) {
      const now = Date.now();
      // A flood of refused sockets must not become a flood of log lines.
      if (now - this.lastLogAt >= 1000) {
        this.lastLogAt = now;
        this.log.warn({ address, total: this.total, fromAddress }, 'limit: connections');
      }
      socket.destroy();
      return;
    }
    this.total += 1;
    this.byAddress.set(address, fromAddress + 1);
    socket.on('close', this.onClose);
  }

  private release(address: string): void {
    this.total -= 1;
    const left = (this.byAddress.get(address) ?? 1) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

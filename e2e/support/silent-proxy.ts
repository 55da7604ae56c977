/**
 * A TCP proxy on loopback that can go silent: it stops forwarding in both
 * directions but keeps every socket open, so neither end sees a close. That
 * is what a pulled cable or a dead Wi-Fi looks like to a server; only its
 * heartbeat can notice.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class SilentProxy {
  private silent = false;
  private readonly sockets = new Set<Socket>();

  private readonly server: Server;
  private listeningPort = 0;

  private constructor(targetPort: number) {
    this.server = createServer((client) => this.pipe(client, targetPort));
  }

  /** Forwards 127.0.0.1:<port> to 127.0.0.1:<targetPort>. */
  static async start(targetPort: number): Promise<SilentProxy> {
    const proxy = new SilentProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    proxy.listeningPort = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** From now on nothing passes, and nothing is closed. */
  goSilent(): void {
    this.silent = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pipe(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk) => {
        if (!this.silent) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        if (!this.silent) to.destroy();
      });
    }
  }
}

/**
 * A TCP proxy on loopback between a browser and the server. It can add a
 * fixed delay to every chunk in each direction (a slow network: the page, its
 * scripts and the signaling socket all pay it), and it can go silent: stop
 * forwarding both ways while keeping every socket open, so neither end sees a
 * close. That is what a pulled cable or a dead Wi-Fi looks like to a server;
 * only its heartbeat can notice.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Added to every chunk, each way: a round trip costs twice this. */
  delayMs?: number;
}

export class LoopbackProxy {
  private silent = false;
  private readonly sockets = new Set<Socket>();

  private readonly server: Server;
  private listeningPort = 0;

  private constructor(
    private targetPort: number,
    private readonly delayMs: number,
  ) {
    this.server = createServer((client) => this.pipe(client, this.targetPort));
  }

  /** Forwards 127.0.0.1:<port> to 127.0.0.1:<targetPort>. */
  static async start(targetPort: number, options: ProxyOptions = {}): Promise<LoopbackProxy> {
    const proxy = new LoopbackProxy(targetPort, options.delayMs ?? 0);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    proxy.listeningPort = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** The proxy's http origin, to open the web client through it. */
  get httpUrl(): string {
    return `http://127.0.0.1:${this.listeningPort}`;
  }

  /** New connections go to `port` from now on, as a load balancer's do when a backend dies. */
  retarget(port: number): void {
    this.targetPort = port;
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
      // Timers of equal delay fire in the order they were set, so chunks keep their order.
      from.on('data', (chunk) => this.later(() => this.silent || to.write(chunk)));
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        this.later(() => this.silent || to.destroy());
      });
    }
  }

  private later(action: () => void): void {
    if (this.delayMs === 0) action();
    else setTimeout(action, this.delayMs);
  }
}

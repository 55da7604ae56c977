/** Test helpers: a raw protocol client over a real socket, and a server on an ephemeral loopback port. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import type { ServerMessage, ServerMessageOf, ServerMessageType } from '../shared/protocol';
import type { OutgoingMessage } from '../shared/transport';
import { startSignalingServer, type ServerOptions, type SignalingServer } from './index';

const WAIT_MS = 5000;

interface Waiter {
  match: (message: ServerMessage) => boolean;
  resolve: (message: ServerMessage) => void;
}

export class TestClient {
  /** Received and not yet taken by `next`. */
  readonly inbox: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  peerId = '';
  resumeToken = '';
  private readonly waiters: Waiter[] = [];
  private syncs = 0;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.deliver(JSON.parse(String(data)) as ServerMessage));
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Opens a socket without saying hello. */
  static async open(url: string, options?: ClientOptions): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  /** Opens a socket and says hello; resolves on `welcome`. */
  static async connect(url: string, name: string, resumeToken?: string): Promise<TestClient> {
    const client = await TestClient.open(url);
    await client.hello(name, resumeToken);
    return client;
  }

  async hello(name: string, resumeToken?: string): Promise<ServerMessageOf<'welcome'>> {
    this.send({ type: 'hello', name, resumeToken });
    const welcome = await this.next('welcome');
    this.peerId = welcome.peerId;
    this.resumeToken = welcome.resumeToken;
    return welcome;
  }

  /** Joins `room` (with its password, if any); resolves on `joined`. */
  async join(room: string, password?: string): Promise<ServerMessageOf<'joined'>> {
    this.send({ type: 'join', room, password });
    return this.next('joined');
  }

  send(message: OutgoingMessage): void {
    this.socket.send(JSON.stringify({ v: 1, ...message }));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Takes the first message of `type` (matching `where`) received, waiting for it if need be. */
  next<T extends ServerMessageType>(
    type: T,
    where: (message: ServerMessageOf<T>) => boolean = () => true,
  ): Promise<ServerMessageOf<T>> {
    const match = (message: ServerMessage): boolean =>
      message.type === type && where(message as ServerMessageOf<T>);
    const index = this.inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0] as ServerMessageOf<T>);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve: (message) => resolve(message as ServerMessageOf<T>) };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at < 0) return;
        this.waiters.splice(at, 1);
        reject(new Error(`no "${type}" message; inbox: ${JSON.stringify(this.inbox).slice(0, 500)}`));
      }, WAIT_MS);
    });
  }

  /** Takes the next `error`, expecting `code`. */
  async error(code: string): Promise<ServerMessageOf<'error'>> {
    const error = await this.next('error');
    if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }

  /**
   * A round trip through the server: everything the server sent this client
   * before it is in the inbox once this resolves (the server keeps order).
   */
  async sync(): Promise<void> {
    const rid = `sync-${++this.syncs}`;
    this.send({ type: 'ice-servers', rid });
    await this.next('ice-servers', (message) => message.rid === rid);
  }

  /** Messages of `type` in the inbox, after a round trip. */
  async received<T extends ServerMessageType>(type: T): Promise<ServerMessageOf<T>[]> {
    await this.sync();
    return this.inbox.filter((message): message is ServerMessageOf<T> => message.type === type);
  }

  close(): void {
    this.socket.close();
  }

  private deliver(message: ServerMessage): void {
    const at = this.waiters.findIndex((waiter) => waiter.match(message));
    if (at < 0) {
      this.inbox.push(message);
      return;
    }
    const [waiter] = this.waiters.splice(at, 1);
    waiter?.resolve(message);
  }
}

/** A server on 127.0.0.1 with an ephemeral port, plus the clients a test opened; `stop` closes all. */
export async function testServer(options: ServerOptions = {}): Promise<{
  server: SignalingServer;
  connect: (name: string, resumeToken?: string) => Promise<TestClient>;
  /** One connected client per name, in order. */
  connectAll: (...names: string[]) => Promise<TestClient[]>;
  stop: () => Promise<void>;
}> {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, ...options });
  const clients: TestClient[] = [];
  const connect = async (name: string, resumeToken?: string): Promise<TestClient> => {
    const client = await TestClient.connect(server.url, name, resumeToken);
    clients.push(client);
    return client;
  };
  return {
    server,
    connect,
    connectAll: (...names) => Promise.all(names.map((name) => connect(name))),
    stop: async () => {
      for (const client of clients) client.socket.terminate();
      await server.close();
    },
  };
}

/**
 * Undo steps run after each test, last first, and servers that stop with them. Call it in a
 * describe block; `later` adds a step, `server` starts a test server that the steps stop.
 */
export function afterEachTest(): {
  later: (step: () => unknown) => void;
  server: (options?: ServerOptions) => ReturnType<typeof testServer>;
} {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return {
    later: (step) => steps.push(step),
    server: async (options = {}) => {
      const env = await testServer(options);
      steps.push(env.stop);
      return env;
    },
  };
}

/** `from` sends `to` an end-of-candidates signal in `room`; resolves with the signal `to` receives. */
export function relayProbe(
  from: TestClient,
  to: TestClient,
  room: string,
): Promise<ServerMessageOf<'signal'>> {
  from.send({ type: 'signal', room, to: to.peerId, payload: { kind: 'candidate', candidate: null } });
  return to.next('signal');
}

/** The built server CLI that process-level tests run, and why they skip when it is missing. */
export function builtCli(what: string): { cli: string; unbuilt: string | undefined } {
  const cli = resolve(process.env.PARLEY_SERVER_CLI ?? 'out/server/cli.js');
  const unbuilt = existsSync(cli) ? undefined : `${cli} is not built: run \`npm run build:server\` first`;
  if (unbuilt) console.warn(`skipping ${what}: ${unbuilt}`);
  return { cli, unbuilt };
}

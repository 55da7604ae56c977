/** Assembles the signaling server: HTTP(S) listener, WebSocket upgrades at /ws, heartbeat, shutdown. */
import { createServer, type Server, type ServerOptions as HttpOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { Admission } from './admission';
import { TrustedProxies } from './client-address';
import { hardPayloadCap, serverOptionsSchema, type ServerOptions } from './config';
import { Connection } from './connection';
import { startHeartbeat } from './heartbeat';
import { Hub } from './hub';
import { RedisHub } from './redis-hub';
import { createLogger } from './logger';
import { refuseOrigin } from './origin-policy';
import { KeyedBuckets } from './rate-limit';
import { loadState, saveState } from './state-file';
import { createHttpHandler } from './static-files';

export interface SignalingServer {
  readonly port: number;
  /** WebSocket endpoint, e.g. ws://127.0.0.1:4000/ws. */
  readonly url: string;
  /** Origin of the web client, e.g. http://127.0.0.1:4000. */
  readonly httpUrl: string;
  /** Tells clients (`shutdown`), closes; `restarting` also writes the state file for the next start. */
  close(options?: { restarting?: boolean }): Promise<void>;
}

/** How long clients get to answer the close handshake before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

// A request (upgrades included) must arrive whole quickly: slow or partial headers hold a socket.
const HTTP_OPTIONS: HttpOptions = {
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
/** An HTTP socket this long without a byte either way is closed (WebSockets have the heartbeat). */
const IDLE_SOCKET_MS = 5_000;

const ignoreError = (): void => undefined;

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A host to put in a URL: wildcards become localhost, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a signaling server; resolves once it listens. */
export async function startSignalingServer(options: ServerOptions = {}): Promise<SignalingServer> {
  const config = serverOptionsSchema.parse(options);
  const log = createLogger(config.logLevel);
  const memoryHub = config.redis === undefined ? new Hub(config, log) : undefined;
  const hub = memoryHub ?? (await RedisHub.start(config, config.redis as string, log));
  if (memoryHub && config.stateFile) await loadState(config.stateFile, memoryHub, log);

  const handler = createHttpHandler(config.webRoot);
  const server = config.tls
    ? createHttpsServer(
        // A TLS handshake that stalls holds a socket like partial headers do.
        { ...HTTP_OPTIONS, handshakeTimeout: 5_000, cert: config.tls.cert, key: config.tls.key },
        handler,
      )
    : createServer(HTTP_OPTIONS, handler);
  // A socket that sends nothing at all is not a request yet: only an idle timeout ends it.
  server.setTimeout(IDLE_SOCKET_MS);
  const proxies = new TrustedProxies(config.trustedProxies);
  const admission = new Admission(config.limits, proxies, log);
  server.on('connection', (socket: Socket) => admission.admit(socket));
  const addressBuckets = new KeyedBuckets(config.limits.addressMessagesPerSecond, config.limits.addressBurst);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardPayloadCap(config),
    perMessageDeflate: false,
    clientTracking: false,
  });
  const connections = new Set<Connection>();
  const forget = (connection: Connection): void => {
    connections.delete(connection);
  };

  server.on('upgrade', (req, socket: Socket, head) => {
    // Node's HTTP parser stops listening for socket errors here; a reset would be fatal.
    socket.on('error', ignoreError);
    const address = proxies.clientOf(socket, req.headers['x-forwarded-for']);
    if (!admission.admitForwarded(socket, address)) return;
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    const refusal = refuseOrigin(req.headers, config.host, config.allowedOrigins);
    if (refusal) {
      log.info({ address, why: refusal }, 'refused: origin');
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      log.info({ address }, 'connected');
      connections.add(new Connection(ws, hub, config, { address, addressBuckets, log }, forget));
    });
  });
  const sweep = setInterval(() => addressBuckets.sweep(Date.now()), 10_000);
  sweep.unref();

  let port: number;
  try {
    port = await listen(server, config.port, config.host);
  } catch (error) {
    await hub.stop(); // grace timers of a loaded hand-off, the Redis connections
    clearInterval(sweep);
    throw error;
  }
  log.info({ host: config.host, port, tls: config.tls !== undefined }, 'listening');
  const stopHeartbeat = startHeartbeat(connections, config.heartbeatMs);
  const host = urlHost(config.host);
  let closing: Promise<void> | undefined;

  async function shutdown(restarting: boolean): Promise<void> {
    stopHeartbeat();
    clearInterval(sweep);
    await hub.stop();
    if (restarting && memoryHub && config.stateFile) await saveState(config.stateFile, memoryHub, log);
    for (const connection of connections) connection.shutdown(restarting);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = setTimeout(() => {
      for (const connection of connections) connection.terminate();
      server.closeAllConnections();
    }, CLOSE_GRACE_MS);
    server.closeIdleConnections();
    await closed;
    clearTimeout(deadline);
    wss.close();
  }

  return {
    port,
    url: `${config.tls ? 'wss' : 'ws'}://${host}:${port}/ws`,
    httpUrl: `${config.tls ? 'https' : 'http'}://${host}:${port}`,
    close: (opts = {}) => (closing ??= shutdown(opts.restarting ?? false)),
  };
}

/** parley-server: the signaling server as a standalone process, also serving the web client. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { limitsSchema, MAX_TURN_TTL_SECONDS, type Limits } from './config';
import { startSignalingServer, type ServerOptions } from './index';

type LimitName = keyof Limits;
const limitNames = Object.keys(limitsSchema.shape) as LimitName[];
/** `maxConnectionsPerAddress` → `max-connections-per-address`. */
const flagOf = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const limitUsage = limitNames
  .map((name) => {
    const schema = limitsSchema.shape[name];
    const fallback = (schema.parse(undefined) as number).toString();
    return `  --${`${flagOf(name)} <n>`.padEnd(40)}${schema.description ?? ''} (default ${fallback})`;
  })
  .join('\n');

const USAGE = `Usage: parley-server [options]
  --host <addr>              listen address (default 127.0.0.1; 0.0.0.0 for all)
  --port <n>                 listen port (default 8080; 0: any free port)
  --tls-cert <file>          PEM certificate: serve https/wss
  --tls-key <file>           PEM private key
  --max-participants <n>     people per room (default 6)
  --stun-url <url>           STUN server handed to clients (repeatable)
  --turn-url <url>           TURN server handed to clients (repeatable, needs --turn-secret)
  --turn-secret <secret>     coturn use-auth-secret shared secret (or PARLEY_TURN_SECRET in the environment)
  --turn-ttl <seconds>       TURN credential lifetime (default and most ${MAX_TURN_TTL_SECONDS})
  --allowed-origin <origin>  browser Origin allowed besides the server's own (repeatable)
  --trusted-proxy <addr>     load balancer address or CIDR whose X-Forwarded-For names the client (repeatable)
  --web-root <dir>           web client to serve (default out/renderer next to this build)
  --state-file <file>        hand sessions over across restarts
  --redis <url>              share state with other instances through Redis (or PARLEY_REDIS_URL in the environment)
  --instance-timeout-ms <n>  with --redis: silence after which an instance is taken for dead (default 15000)
  --log-level <level>        trace, debug, info (default), warn, error, fatal or silent; JSON lines on stderr
  --help
Limits:
${limitUsage}`;

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-participants': { type: 'string' },
  'stun-url': { type: 'string', multiple: true },
  'turn-url': { type: 'string', multiple: true },
  'turn-secret': { type: 'string' },
  'turn-ttl': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'trusted-proxy': { type: 'string', multiple: true },
  'web-root': { type: 'string' },
  'state-file': { type: 'string' },
  redis: { type: 'string' },
  'instance-timeout-ms': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean' },
  ...Object.fromEntries(limitNames.map((name) => [flagOf(name), { type: 'string' as const }])),
} as const;

function parseFlags() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    // An unknown or malformed flag is the operator's typo: say which, not a stack trace.
    console.error(`parley-server: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}
const values = parseFlags();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const DEFAULT_PORT = 8080;
const integer = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : Number(text);
// Built as out/server/cli.js: the web client sits beside it in out/renderer.
const defaultWebRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
const webRoot = values['web-root'] ?? (existsSync(defaultWebRoot) ? defaultWebRoot : undefined);
const tlsCert = values['tls-cert'];
const tlsKey = values['tls-key'];
if ((tlsCert === undefined) !== (tlsKey === undefined)) {
  console.error('--tls-cert and --tls-key go together.');
  process.exit(2);
}

const serverOptions: ServerOptions = {
  host: values.host,
  port: integer(values.port) ?? DEFAULT_PORT,
  tls:
    tlsCert && tlsKey
      ? { cert: readFileSync(tlsCert, 'utf8'), key: readFileSync(tlsKey, 'utf8') }
      : undefined,
  maxParticipants: integer(values['max-participants']),
  ice: {
    stunUrls: values['stun-url'],
    turnUrls: values['turn-url'],
    // The environment keeps the secret out of process lists.
    turnSecret: values['turn-secret'] ?? process.env.PARLEY_TURN_SECRET,
    turnTtlSeconds: integer(values['turn-ttl']),
  },
  allowedOrigins: values['allowed-origin'],
  trustedProxies: values['trusted-proxy'],
  webRoot,
  stateFile: values['state-file'],
  // The environment keeps Redis's password out of process lists.
  redis: values.redis ?? process.env.PARLEY_REDIS_URL,
  instanceTimeoutMs: integer(values['instance-timeout-ms']),
  logLevel: (values['log-level'] ?? 'info') as ServerOptions['logLevel'],
  limits: Object.fromEntries(
    limitNames.map((name) => [name, integer((values as Record<string, string | undefined>)[flagOf(name)])]),
  ),
};

try {
  const server = await startSignalingServer(serverOptions);
  console.log(`parley-server listening: ${server.httpUrl} (signaling ${server.url})`);
  if (webRoot === undefined) console.log('No web client found: run `npm run build` or pass --web-root.');
  const stop = (): void => {
    // With a state file a stop is a hand-off: clients are told to come back and resume.
    void server.close({ restarting: values['state-file'] !== undefined }).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const why =
    error instanceof z.ZodError
      ? z.prettifyError(error)
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`parley-server: ${why}\n\n${USAGE}`);
  process.exit(1);
}

/**
 * The two connections an instance keeps to Redis (commands, and pub/sub, which needs its own),
 * with what happens when Redis goes away: commands fail at once rather than queue (the hub
 * turns that into an `unavailable` refusal), the logs say so once, and ioredis reconnects.
 */
import { Redis } from 'ioredis';
import type { Logger } from './logger';
import { CALL_SCRIPTS } from './redis-call-scripts';
import { defineScripts } from './redis-scripts';

export interface RedisLink {
  readonly commands: Redis;
  readonly subscriber: Redis;
  close(): Promise<void>;
}

const OPTIONS = {
  lazyConnect: true,
  // Work is refused while Redis is away, not queued: a queued relay could arrive minutes late.
  enableOfflineQueue: false,
  // A command in flight when the connection broke may have run: resending could run it twice.
  autoResendUnfulfilledCommands: false,
  maxRetriesPerRequest: 0,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
};

/** Logs a connection's ups and downs once per change, never per failed reconnect attempt. */
function watch(redis: Redis, role: string, log: Logger, onReady: () => void): void {
  let up = true;
  redis.on('error', (error: Error) => {
    if (up) log.warn({ err: error.message, role }, 'redis: error');
  });
  redis.on('close', () => {
    if (!up) return;
    up = false;
    log.error({ role }, 'redis: connection lost; refusing new work until it is back');
  });
  redis.on('ready', () => {
    if (up) return;
    up = true;
    log.warn({ role }, 'redis: connected again');
    onReady();
  });
}

/** Connects both; rejects (leaving nothing open) when Redis cannot be reached at start. */
export async function connectRedis(
  url: string,
  maxHeldBytes: number,
  log: Logger,
  onReconnect: { commands: () => void; subscriber: () => void },
): Promise<RedisLink> {
  const where = new URL(url).host; // never the password a URL may carry
  const commands = new Redis(url, OPTIONS);
  const subscriber = new Redis(url, OPTIONS);
  // Until the watchers take over, a refused first connection is the rejection below, not noise.
  for (const redis of [commands, subscriber]) redis.on('error', () => undefined);
  defineScripts(commands, maxHeldBytes);
  defineScripts(commands, maxHeldBytes, CALL_SCRIPTS);
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw new Error(`Redis at ${where} cannot be reached: ${(error as Error).message}`, { cause: error });
  }
  watch(commands, 'commands', log, onReconnect.commands);
  watch(subscriber, 'subscriber', log, onReconnect.subscriber);
  log.info({ redis: where }, 'redis: connected');
  return {
    commands,
    subscriber,
    close: async () => {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

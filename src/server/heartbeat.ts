/**
 * Heartbeat over every connection, spread across the interval: each tick pings
 * a slice, so 50,000 sockets never cost one long stall (which would show up as
 * relay latency). Each connection is visited once per `intervalMs`; one that
 * has not answered since its last visit is expired — dead within two beats.
 */
interface Beating {
  alive: boolean;
  ping(): void;
  expire(): void;
}

const TICK_MS = 100;

export function startHeartbeat(connections: Set<Beating>, intervalMs: number): () => void {
  const ticksPerBeat = Math.max(1, Math.round(intervalMs / TICK_MS));
  let cursor = connections.values();
  let left = 0; // connections still to visit in this beat
  let tick = 0;
  const timer = setInterval(
    () => {
      if (tick++ % ticksPerBeat === 0) {
        cursor = connections.values();
        left = connections.size;
      }
      // Spread what is left over the ticks left in this beat.
      let quota = Math.ceil(left / (ticksPerBeat - ((tick - 1) % ticksPerBeat)));
      left -= quota;
      while (quota-- > 0) {
        const next = cursor.next();
        if (next.done) break;
        if (next.value.alive) next.value.ping();
        else next.value.expire();
      }
    },
    Math.min(TICK_MS, intervalMs),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Property-based fuzzing of the wire protocol against the real server: whatever a client sends,
 * the server stays up, answers every request id it can answer, and an honest pair's messages
 * keep arriving whole and in order.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientMessageSchema, type ServerMessage } from '../shared/protocol';
import type { TestClient } from './test-client';
import { testServer } from './test-client';

const TYPES = clientMessageSchema.options.map((option) => option.shape.type.value);
/** Successful messages of these types have no reply of their own (a signal goes to its target). */
const SILENT_ON_SUCCESS = new Set(['signal', 'presence']);

const text = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('honest', 'r', '', 'x'.repeat(200)));
const payload = fc.oneof(
  fc.record({
    kind: fc.constant('candidate'),
    candidate: fc.constantFrom(null, { candidate: 'candidate:1 1 udp 1 1.2.3.4 9 typ host' }),
  }),
  fc.record({
    kind: fc.constant('description'),
    description: fc.record({ type: fc.constantFrom('offer', 'answer', 'nope'), sdp: fc.string() }),
  }),
  fc.jsonValue(),
);
const structured = fc.record(
  {
    v: fc.constantFrom<unknown>(1, 1, 1, 2, '1', null),
    type: fc.constantFrom<unknown>(...TYPES, 'bogus', 42),
    room: text,
    to: text,
    name: text,
    password: text,
    callId: text,
    accept: fc.boolean(),
    visible: fc.oneof(fc.boolean(), fc.jsonValue()),
    rejoin: fc.boolean(),
    resumeToken: text,
    payload,
    extra: fc.jsonValue(),
  },
  { requiredKeys: ['v', 'type'] },
);
/** One frame: a protocol-shaped object (given a request id to track), or anything at all. */
const frame = fc.oneof(
  { weight: 4, arbitrary: structured.map((message) => ({ message })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.string(),
      )
      .map((raw) => ({ raw })),
  },
);

describe('wire protocol fuzzing', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  let alice: TestClient;
  let bob: TestClient;
  let fuzzer: TestClient;
  beforeAll(async () => {
    // Limits high enough that every fuzzed frame is judged, not dropped for speed.
    env = await testServer({
      resumeGraceMs: 50,
      rateLimit: { messagesPerSecond: 100_000, burst: 100_000 },
      limits: {
        addressBurst: 1_000_000,
        ringsPerMinute: 100_000,
        passwordAttemptsPerMinute: 100_000,
        maxRoomsPerSession: 1_000,
      },
    });
    [alice, bob, fuzzer] = await env.connectAll('Alice', 'Bob', 'Fuzzer');
    // Past the window after a cold start in which returning members may re-lock an open room
    // (and put out who is in it): the honest pair's open room is theirs to keep.
    await new Promise((later) => setTimeout(later, 100));
    await Promise.all([alice.join('honest'), bob.join('honest')]);
  });
  afterAll(() => env.stop());

  it('never stops the server, answers request ids, and keeps an honest pair in order', async () => {
    let sequence = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 25 }), async (frames) => {
        const awaiting: string[] = [];
        for (const item of frames) {
          if ('raw' in item) fuzzer.sendRaw(item.raw);
          else {
            const rid = `f${sequence++}`;
            const message = { ...item.message, rid };
            fuzzer.sendRaw(JSON.stringify(message));
            const valid = clientMessageSchema.safeParse(message).success;
            if (!(valid && SILENT_ON_SUCCESS.has(message.type as string))) awaiting.push(rid);
          }
          alice.send({
            type: 'signal',
            room: 'honest',
            to: bob.peerId,
            payload: { kind: 'candidate', candidate: { candidate: `seq ${sent++}` } },
          });
        }
        await fuzzer.sync();
        const answered = new Set(
          fuzzer.inbox.map((message: ServerMessage) => ('rid' in message ? message.rid : undefined)),
        );
        fuzzer.inbox.length = 0;
        for (const rid of awaiting) expect(answered.has(rid), `no answer to ${rid}`).toBe(true);
      }),
      { numRuns: 150 },
    );
    await alice.sync();
    await bob.sync();
    const received = bob.inbox
      .filter(
        (message): message is Extract<ServerMessage, { type: 'signal' }> =>
          message.type === 'signal' && message.from === alice.peerId,
      )
      .map((message) => (message.payload.kind === 'candidate' ? message.payload.candidate?.candidate : ''));
    expect(received).toEqual(Array.from({ length: sent }, (_, i) => `seq ${i}`));
    // Still serving newcomers.
    expect((await env.connect('Late')).peerId).not.toBe('');
  });
});

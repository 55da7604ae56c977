import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '../shared/protocol';
import { testServer, type TestClient } from './test-client';

const CLIENTS = 40;
const MESSAGES = 50;
const ROOM_SIZE = 4;

describe('delivery under load', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    // Every client shares one loopback address here: lift the per-address limit, keep the per-session one.
    env = await testServer({ maxParticipants: ROOM_SIZE, limits: { addressBurst: 10_000 } });
  });
  afterEach(() => env.stop());

  it(`${CLIENTS} clients × ${MESSAGES} messages: each delivered once, in order per sender`, async () => {
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await env.connect(`P${i}`));
    const rooms: TestClient[][] = [];
    for (let i = 0; i < CLIENTS; i += ROOM_SIZE) rooms.push(clients.slice(i, i + ROOM_SIZE));
    for (const [index, members] of rooms.entries()) {
      for (const member of members) {
        member.send({ type: 'join', room: `room-${index}` });
        await member.next('joined');
      }
    }

    // Every client sends MESSAGES to each of its room mates, numbered per (sender, receiver).
    const expected = new Map<TestClient, number>();
    for (const [index, members] of rooms.entries()) {
      for (const sender of members) {
        for (let n = 0; n < MESSAGES; n++) {
          for (const receiver of members) {
            if (receiver === sender) continue;
            const candidate = `candidate:${n} 1 udp 1 127.0.0.1 ${n} typ host`;
            sender.send({
              type: 'signal',
              room: `room-${index}`,
              to: receiver.peerId,
              payload: { kind: 'candidate', candidate: { candidate } },
            });
            expected.set(receiver, (expected.get(receiver) ?? 0) + 1);
          }
        }
      }
    }

    for (const client of clients) {
      const signals: ServerMessageOf<'signal'>[] = [];
      for (let i = 0; i < (expected.get(client) ?? 0); i++) signals.push(await client.next('signal'));
      const bySender = new Map<string, number[]>();
      for (const signal of signals) {
        const text = signal.payload.kind === 'candidate' ? (signal.payload.candidate?.candidate ?? '') : '';
        const list = bySender.get(signal.from) ?? [];
        list.push(Number(/candidate:(\d+)/.exec(text)?.[1]));
        bySender.set(signal.from, list);
      }
      expect(bySender.size).toBe(ROOM_SIZE - 1);
      for (const sequence of bySender.values()) expect(sequence).toEqual([...Array(MESSAGES).keys()]);
      // Nothing more: no duplicates trailing behind.
      expect(await client.received('signal')).toEqual([]);
    }
  });
});

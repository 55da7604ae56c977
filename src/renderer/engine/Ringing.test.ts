import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CallState, type ServerMessageOf } from '../../shared/protocol';
import type { OutgoingMessage } from '../../shared/transport';
import { Ringing, type CallEndReason } from './Ringing';

const alice = { peerId: 'alice', name: 'Alice' };

function call(state: CallState, extra: Partial<ServerMessageOf<'call'>> = {}): ServerMessageOf<'call'> {
  return { v: PROTOCOL_VERSION, type: 'call', callId: 'c1', state, peer: alice, room: 'r1', ...extra };
}

function setup(busy = false) {
  const sent: OutgoingMessage[] = [];
  const events: string[] = [];
  const ended: CallEndReason[] = [];
  const ringing = new Ringing({
    send: (message) => sent.push(message),
    busy: () => busy,
    warm: (room, peer, initiator) => events.push(`warm ${room} ${peer.peerId} ${initiator}`),
    incoming: () => events.push('incoming'),
    accepted: () => events.push('accepted'),
    ended: (reason) => ended.push(reason),
  });
  return { ringing, sent, events, ended };
}

describe('Ringing', () => {
  it('warms the link as the callee without any accept of its own', () => {
    const { ringing, sent, events } = setup();
    ringing.onCall(call('incoming'));
    expect(events).toEqual(['incoming', 'warm r1 alice false']);
    expect(sent).toEqual([]);
    expect(ringing.answer(true)).toBe(true);
    expect(sent).toEqual([{ type: 'answer-call', callId: 'c1', accept: true }]);
  });

  it('refuses a call while busy', () => {
    const { ringing, sent, events } = setup(true);
    ringing.onCall(call('incoming'));
    expect(events).toEqual([]);
    expect(sent).toEqual([{ type: 'answer-call', callId: 'c1', accept: false }]);
  });

  it('a second call while one rings is neither shown nor declined', () => {
    const { ringing, sent, events } = setup();
    ringing.onCall(call('incoming'));
    ringing.onCall(call('incoming', { callId: 'c2', peer: { peerId: 'carol', name: 'Carol' }, room: 'r2' }));
    expect(events).toEqual(['incoming', 'warm r1 alice false']);
    expect(sent).toEqual([]);
    expect(ringing.call?.peer.peerId).toBe('alice');
  });

  it('a callee whose caller gives up has missed the call', () => {
    const { ringing, ended } = setup();
    ringing.onCall(call('incoming'));
    ringing.onCall(call('cancelled'));
    expect(ended).toEqual(['missed']);
  });

  it('a ring cancelled before the server named the call is cancelled once it is named', () => {
    const { ringing, sent, events } = setup();
    ringing.ring(alice, 'r9');
    ringing.cancel();
    ringing.clear();
    ringing.onCall(call('ringing', { rid: 'r9' }));
    expect(events).toEqual([]);
    expect(sent).toEqual([
      { type: 'ring', rid: 'r9', to: 'alice' },
      { type: 'cancel-call', callId: 'c1' },
    ]);
  });

  it('the caller starts the call on accepted, and hears busy by its request id', () => {
    const { ringing, events, ended } = setup();
    ringing.ring(alice, 'r1');
    ringing.onCall(call('ringing', { rid: 'r1' }));
    ringing.onCall(call('accepted'));
    expect(events).toEqual(['warm r1 alice true', 'accepted']);
    ringing.clear();
    ringing.ring(alice, 'r2');
    ringing.onCall(call('busy', { callId: 'other', rid: 'r2' }));
    expect(ended).toEqual(['busy']);
  });
});

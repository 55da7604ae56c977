import { describe, expect, it } from 'vitest';
import { decodePeerMessage, encodePeerMessage, MAX_CHAT_LENGTH } from './peerMessages';

describe('peer messages', () => {
  it('round-trips chat and media state', () => {
    const chat = { t: 'chat', id: 'm1', text: 'hello' } as const;
    const state = { t: 'state', micMuted: true, cameraOff: false, sharing: true } as const;
    expect(decodePeerMessage(encodePeerMessage(chat))).toEqual(chat);
    expect(decodePeerMessage(encodePeerMessage(state))).toEqual(state);
  });

  it('refuses anything else, including a claimed sender', () => {
    expect(decodePeerMessage('not json')).toBeNull();
    expect(decodePeerMessage(JSON.stringify({ t: 'chat', id: 'm', text: '' }))).toBeNull();
    expect(
      decodePeerMessage(JSON.stringify({ t: 'chat', id: 'm', text: 'x'.repeat(MAX_CHAT_LENGTH + 1) })),
    ).toBeNull();
    expect(decodePeerMessage(JSON.stringify({ t: 'kick', peer: 'b' }))).toBeNull();
    // Extra fields such as a forged `from` are dropped: the sender is the link's peer.
    expect(decodePeerMessage(JSON.stringify({ t: 'chat', id: 'm', text: 'hi', from: 'mallory' }))).toEqual({
      t: 'chat',
      id: 'm',
      text: 'hi',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { Chat, charactersOver, type ChatMessage } from './Chat';
import { decodePeerMessage, MAX_CHAT_LENGTH } from './peerMessages';

function setup() {
  const sent: string[] = [];
  const added: ChatMessage[] = [];
  const chat = new Chat({ broadcast: (encoded) => sent.push(encoded), added: (m) => added.push(m) });
  return { chat, sent, added };
}

const me = { peerId: 'me', name: 'Ada' };

describe('Chat', () => {
  it('sends a message up to the limit whole, as peers will accept it', () => {
    const { chat, sent, added } = setup();
    const text = 'x'.repeat(MAX_CHAT_LENGTH);
    expect(chat.send(me, text)).toBe(true);
    expect(decodePeerMessage(sent[0]!)).toMatchObject({ t: 'chat', text });
    expect(added.map((m) => [m.from, m.text.length, m.own])).toEqual([['me', MAX_CHAT_LENGTH, true]]);
  });

  it('refuses a longer message whole instead of cutting it, and says by how much', () => {
    const { chat, sent, added } = setup();
    const text = 'y'.repeat(5_000);
    expect(charactersOver(text)).toBe(5_000 - MAX_CHAT_LENGTH);
    expect(chat.send(me, text)).toBe(false);
    expect(sent).toEqual([]);
    expect(added).toEqual([]);
  });

  it('keeps received messages with the sender the link names, and forgets them on clear', () => {
    const { chat } = setup();
    chat.receive({ peerId: 'b', name: 'Bob' }, { id: '1', text: 'hi' });
    expect(chat.messages).toMatchObject([{ from: 'b', name: 'Bob', text: 'hi', own: false }]);
    chat.clear();
    expect(chat.messages).toEqual([]);
  });
});

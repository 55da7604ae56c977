/**
 * The call's chat: the messages of this call in arrival order, and sending
 * one to everyone. A message longer than the limit is refused whole (the UI
 * says so and keeps the text), never cut: peers would drop an oversized one.
 */
import type { Peer } from '../../shared/protocol';
import { encodePeerMessage, MAX_CHAT_LENGTH } from './peerMessages';

export interface ChatMessage {
  id: string;
  /** Peer id of the sender, from the link it came on; own messages carry our id. */
  from: string;
  name: string;
  text: string;
  at: number;
  own: boolean;
}

/** Characters a draft has beyond the limit (0 when it may be sent as it is). */
export function charactersOver(text: string): number {
  return Math.max(0, text.trim().length - MAX_CHAT_LENGTH);
}

export interface ChatHost {
  /** Sends an encoded peer message on every link. */
  broadcast(encoded: string): void;
  /** A message was added (ours or someone's). */
  added(message: ChatMessage): void;
}

export class Chat {
  private log: ChatMessage[] = [];

  constructor(private readonly host: ChatHost) {}

  get messages(): ChatMessage[] {
    return this.log;
  }

  /** Sends `text` from `self`; false (nothing sent) when it is empty or over the limit. */
  send(self: Peer, text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || charactersOver(trimmed) > 0) return false;
    const id = crypto.randomUUID();
    this.host.broadcast(encodePeerMessage({ t: 'chat', id, text: trimmed }));
    this.add({ id, from: self.peerId, name: self.name, text: trimmed, at: Date.now(), own: true });
    return true;
  }

  /** A message that came on `from`'s link. */
  receive(from: Peer, message: { id: string; text: string }): void {
    this.add({
      id: message.id,
      from: from.peerId,
      name: from.name,
      text: message.text,
      at: Date.now(),
      own: false,
    });
  }

  clear(): void {
    this.log = [];
  }

  private add(message: ChatMessage): void {
    this.log = [...this.log, message];
    this.host.added(message);
  }
}

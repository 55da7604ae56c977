/**
 * What peers say to each other over the data channel. Parsed with zod like
 * any untrusted input; a message never says who sent it — the link does.
 */
import { z } from '../../shared/zod';

export const MAX_CHAT_LENGTH = 2_000;

const peerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('chat'), id: z.string().max(64), text: z.string().min(1).max(MAX_CHAT_LENGTH) }),
  z.object({
    t: z.literal('state'),
    micMuted: z.boolean(),
    cameraOff: z.boolean(),
    sharing: z.boolean(),
  }),
  // The link code's commit-then-reveal (nonceExchange.ts).
  z.object({ t: z.literal('nonce-commit'), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ t: z.literal('nonce-reveal'), nonce: z.string().regex(/^[0-9a-f]{32}$/) }),
]);

export type PeerMessage = z.infer<typeof peerMessageSchema>;
export type PeerMediaState = Omit<Extract<PeerMessage, { t: 'state' }>, 't'>;

export function encodePeerMessage(message: PeerMessage): string {
  return JSON.stringify(message);
}

/** Null for anything that is not a valid peer message. */
export function decodePeerMessage(text: string): PeerMessage | null {
  try {
    const parsed = peerMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

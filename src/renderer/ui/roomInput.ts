/** Reads a room id from what a person pastes: an invite link, a parley:// link, or the bare code. */
import { parseDeepLink } from '../../shared/deep-link';
import { roomIdSchema } from '../../shared/protocol';

export function parseRoomInput(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const deepLink = parseDeepLink(text);
  if (deepLink) return deepLink.roomId;
  if (URL.canParse(text)) {
    const room = new URL(text).searchParams.get('room');
    return room && roomIdSchema.safeParse(room).success ? room : null;
  }
  return roomIdSchema.safeParse(text).success ? text : null;
}

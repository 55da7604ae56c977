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

/** The room an address invites to (`?room=`), or the malformed value it carries instead. */
export function inviteFromAddress(search: string): { room: string | null; malformed: string | null } {
  const value = new URLSearchParams(search).get('room');
  if (value === null || value.trim() === '') return { room: null, malformed: null };
  const room = parseRoomInput(value);
  return room ? { room, malformed: null } : { room: null, malformed: value };
}

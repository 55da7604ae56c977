/** Keeps the address bar on the room we are in, so a reload (F5) or a copied address leads back to it. */
import { useEffect, useRef } from 'react';

/** `room`: the room we are in (a call's private room does not count), or null. */
export function useRoomInAddress(room: string | null): void {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    // An invite's own `?room=` stays until we have been in a room and left it.
    if (room === shown.current) return;
    const url = new URL(window.location.href);
    if (room) url.searchParams.set('room', room);
    else url.searchParams.delete('room');
    shown.current = room;
    window.history.replaceState(window.history.state, '', url);
  }, [room]);
}

/**
 * Where the always-on-top call window opens: where the user last left it,
 * if that place is still on a display (monitors get unplugged, resolutions
 * change), else the bottom-right corner of the primary display's work area.
 * Pure: window.ts asks it with Electron's displays.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const CALL_WINDOW_SIZE = { width: 320, height: 240 };
const MARGIN = 16;
/** This much of the title strip must be on a display, so the window can still be grabbed and moved. */
const GRAB = 48;

/** The saved bounds if enough of the window is on one of the displays' work areas, else the default corner. */
export function placeCallWindow(saved: Rect | undefined, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0];
  if (saved && workAreas.some((area) => grabbable(saved, area))) {
    return { ...saved, width: CALL_WINDOW_SIZE.width, height: CALL_WINDOW_SIZE.height };
  }
  if (!primary) return { x: 0, y: 0, ...CALL_WINDOW_SIZE };
  return {
    x: primary.x + primary.width - CALL_WINDOW_SIZE.width - MARGIN,
    y: primary.y + primary.height - CALL_WINDOW_SIZE.height - MARGIN,
    ...CALL_WINDOW_SIZE,
  };
}

/** The window's top strip overlaps the area by at least GRAB pixels across and its top edge is inside it. */
function grabbable(bounds: Rect, area: Rect): boolean {
  const across = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  return across >= GRAB && bounds.y >= area.y && bounds.y <= area.y + area.height - GRAB;
}

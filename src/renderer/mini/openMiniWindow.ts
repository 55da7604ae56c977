/**
 * A second, small window the call UI renders into (a React portal, so the
 * engine and its streams stay in this page). In browsers that have it, the
 * Document Picture-in-Picture API gives an always-on-top window; in Parley's
 * desktop app, window.open with the name main allows (window.ts), which main
 * makes always-on-top and places on a display. Elsewhere there is none.
 */
import { CALL_WINDOW_NAME } from '../../shared/call-window';

const SIZE = { width: 320, height: 240 };

interface DocumentPictureInPicture {
  requestWindow(options: { width: number; height: number }): Promise<Window>;
}
declare global {
  interface Window {
    documentPictureInPicture?: DocumentPictureInPicture;
  }
}

/** Where a mini window can come from here, if anywhere. */
function miniWindowSupport(): 'picture-in-picture' | 'desktop' | null {
  if (window.documentPictureInPicture) return 'picture-in-picture';
  if (window.parley) return 'desktop';
  return null;
}

/** Opens the mini window with the page's styles; null where it cannot open (no API, no user gesture). */
export async function openMiniWindow(): Promise<Window | null> {
  let opened: Window | null = null;
  try {
    const support = miniWindowSupport();
    if (support === 'picture-in-picture') opened = await window.documentPictureInPicture!.requestWindow(SIZE);
    else if (support === 'desktop')
      opened = window.open('', CALL_WINDOW_NAME, `popup,width=${SIZE.width},height=${SIZE.height}`);
  } catch (error) {
    // Picture-in-Picture needs a user gesture; without one the main window stays the only one.
    console.warn('[parley] the call window could not open:', error);
    return null;
  }
  if (!opened) return null;
  opened.document.title = document.title;
  for (const sheet of document.querySelectorAll('link[rel="stylesheet"], style')) {
    opened.document.head.append(sheet.cloneNode(true));
  }
  return opened;
}

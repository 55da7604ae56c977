/**
 * Opens and closes the call window as the policy says: while sharing, or
 * while the main window is away (hidden, minimised, another app in front),
 * with the setting on; closed when the call view goes (the call ended).
 * Closed by the user, it stays closed until the reason to open it passes.
 * In the desktop app, where the user left it is saved for next time.
 */
import { useEffect, useState } from 'react';
import { openMiniWindow } from './openMiniWindow';
import { wantsMiniWindow } from './policy';

/** True while this window is not where the user is. */
function useMainAway(): boolean {
  const [away, setAway] = useState(() => document.visibilityState === 'hidden');
  useEffect(() => {
    const update = () => setAway(document.visibilityState === 'hidden' || !document.hasFocus());
    window.addEventListener('blur', update);
    window.addEventListener('focus', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('blur', update);
      window.removeEventListener('focus', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return away;
}

/** The "show the call window" setting: the desktop app's, or on in a browser. */
function useAutoSetting(): boolean {
  const [auto, setAuto] = useState(true);
  useEffect(() => {
    const settings = window.parley?.settings;
    if (!settings) return;
    let live = true;
    const unsubscribe = settings.onChange((next) => setAuto(next.callWindow.auto));
    settings.get().then(
      (current) => live && setAuto(current.callWindow.auto),
      (error: unknown) => console.warn('[parley] settings unavailable:', error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return auto;
}

/** Saves where the user left the desktop call window (main checks it against the displays next time). */
function rememberPlace(target: Window): void {
  const settings = window.parley?.settings;
  if (!settings) return;
  const bounds = {
    x: target.screenX,
    y: target.screenY,
    width: target.outerWidth,
    height: target.outerHeight,
  };
  settings.update({ callWindow: { auto: true, bounds } }).catch((error: unknown) => {
    console.warn('[parley] the call window’s place was not saved:', error);
  });
}

/** The open call window, or null. */
export function useMiniWindow(sharing: boolean): Window | null {
  const auto = useAutoSetting();
  const mainAway = useMainAway();
  const wanted = wantsMiniWindow({ auto, sharing, mainAway });
  const [target, setTarget] = useState<Window | null>(null);
  const [dismissed, setDismissed] = useState(false);

  if (!wanted && dismissed) setDismissed(false);

  useEffect(() => {
    if (!wanted || dismissed || target) return;
    let live = true;
    void openMiniWindow().then((opened) => {
      if (!opened) return;
      if (!live) return opened.close();
      // The user closed it (or the call view went): remember where it was.
      opened.addEventListener('pagehide', () => {
        rememberPlace(opened);
        setTarget(null);
        if (live) setDismissed(true);
      });
      setTarget(opened);
    });
    return () => {
      live = false;
    };
  }, [wanted, dismissed, target]);

  useEffect(() => {
    if (target && !wanted) target.close();
  }, [target, wanted]);
  // The call is over: the call view unmounts, and the window goes with it.
  useEffect(() => () => target?.close(), [target]);

  return target;
}

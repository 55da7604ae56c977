/** Keeps the display awake while a call is on. */
import { powerSaveBlocker } from 'electron';
import type { DesktopState } from './desktop-state';

export function keepAwakeDuringCalls(state: DesktopState): () => void {
  let blocker: number | null = null;
  const release = () => {
    if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    blocker = null;
  };
  const unsubscribe = state.onChange(({ call }) => {
    if (call.phase === 'in-call' && blocker === null)
      blocker = powerSaveBlocker.start('prevent-display-sleep');
    else if (call.phase !== 'in-call') release();
  });
  return () => {
    unsubscribe();
    release();
  };
}

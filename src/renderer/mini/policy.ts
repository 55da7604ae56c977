/**
 * When the small always-on-top call window is open: during a call, with the
 * setting on, while you share your screen (your screen is covered by what you
 * share) or while Parley's main window is not where you are. It closes when
 * the call ends (the call view, which hosts it, goes away).
 */

export interface MiniWindowInputs {
  /** The setting (Settings › Window); browsers, which have no settings, use true. */
  auto: boolean;
  sharing: boolean;
  /** The main window is hidden, minimised or lost focus to another app. */
  mainAway: boolean;
}

export function wantsMiniWindow(inputs: MiniWindowInputs): boolean {
  return inputs.auto && (inputs.sharing || inputs.mainAway);
}

/** The speaker the mini window shows: the loudest, else the first person, else nobody. */
export function activeSpeaker<P extends { peerId: string }>(
  people: readonly P[],
  loudest: string | null,
): P | null {
  return people.find((person) => person.peerId === loudest) ?? people[0] ?? null;
}

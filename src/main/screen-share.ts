/**
 * Answers the renderer's getDisplayMedia: main lists screens and windows,
 * the renderer shows Parley's picker, and the pick (or cancel) comes back
 * over IPC. On macOS 15+ the system picker is used instead.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { app, desktopCapturer, type Session, type Streams } from 'electron';
import type { ScreenChoice, ScreenSource } from '../shared/ipc';
import { isAppUrl } from './app-origin';
import type { EventEmitter } from './ipc-dispatch';
import { answerFromChoice, prefersSystemPicker, shapeSources } from './screen-sources';
import { mergeFeatures, pulseSocketPath, systemAudioSupport } from './system-audio';

const FEATURES = 'enable-features';

/** This computer's loopback, checked once: the pulse server does not come and go under a running app. */
function systemAudioHere() {
  const socket = pulseSocketPath(process.env);
  return systemAudioSupport({
    platform: process.platform,
    osRelease: release(),
    pulseServer: process.env.PULSE_SERVER !== undefined || (socket !== null && existsSync(socket)),
  });
}

/** Call before `ready`: Chromium's loopback for screen share sits behind feature switches on macOS and Linux. */
export function enableSystemAudioLoopback(): void {
  const support = systemAudioHere();
  if (!support.available || support.features.length === 0) return;
  const merged = mergeFeatures(app.commandLine.getSwitchValue(FEATURES), support.features);
  app.commandLine.removeSwitch(FEATURES);
  app.commandLine.appendSwitch(FEATURES, merged);
}

/** A picker nobody answers (page reloaded mid-pick) must not leave getDisplayMedia hanging. */
const PICK_TIMEOUT_MS = 120_000;

interface PendingPick {
  sources: ScreenSource[];
  audioRequested: boolean;
  answer(streams: Streams | null): void;
}

export interface ScreenShareOptions {
  session: Session;
  origins: readonly string[];
  events: EventEmitter;
  /** Media source ids of Parley's own windows, left out of the list. */
  ownWindowIds(): string[];
  /** The picker lives in the window: show it. */
  revealWindow(): void;
}

export interface ScreenShare {
  /** The renderer's answer to a pick request. */
  choose(choice: ScreenChoice): void;
}

export function setupScreenShare(options: ScreenShareOptions): ScreenShare {
  const pending = new Map<string, PendingPick>();
  const audioAvailable = systemAudioHere().available;

  const settle = (requestId: string, streams: Streams | null) => {
    const pick = pending.get(requestId);
    if (!pick) return;
    pending.delete(requestId);
    pick.answer(streams);
  };

  options.session.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!request.frame || request.frame.parent !== null || !isAppUrl(request.frame.url, options.origins)) {
        callback(null);
        return;
      }
      void desktopCapturer
        .getSources({
          types: ['screen', 'window'],
          thumbnailSize: { width: 320, height: 180 },
          fetchWindowIcons: true,
        })
        .then((raw) => {
          // One picker at a time: a newer request replaces an unanswered one.
          for (const requestId of [...pending.keys()]) settle(requestId, null);
          const requestId = randomUUID();
          const sources = shapeSources(raw, { ownWindowIds: options.ownWindowIds() });
          pending.set(requestId, { sources, audioRequested: request.audioRequested, answer: callback });
          setTimeout(() => settle(requestId, null), PICK_TIMEOUT_MS).unref();
          options.revealWindow();
          options.events.emit('screen', 'onPickRequest', {
            requestId,
            sources,
            audioAvailable: request.audioRequested && audioAvailable,
          });
        })
        .catch(() => callback(null));
    },
    { useSystemPicker: prefersSystemPicker(process.platform, release()) },
  );

  return {
    choose(choice) {
      const pick = pending.get(choice.requestId);
      if (!pick) return;
      const answer = answerFromChoice(choice, pick.sources, {
        audioRequested: pick.audioRequested,
        audioAvailable,
      });
      if (!answer) return settle(choice.requestId, null);
      const source = pick.sources.find((candidate) => candidate.id === answer.videoSourceId)!;
      settle(choice.requestId, {
        video: { id: source.id, name: source.name },
        ...(answer.loopbackAudio ? { audio: 'loopback' as const } : {}),
      });
    },
  };
}

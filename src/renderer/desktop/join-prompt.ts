/**
 * A parley:// link never joins (or moves to another server) on its own: it
 * asks first, here. followDeepLinks asks; JoinPrompt.tsx shows the question.
 */

interface JoinQuestion {
  roomId: string;
  /** The link's server, when it is not the one in use: visited for this call, never saved. */
  serverUrl: string | null;
}

interface JoinAnswer {
  camera: boolean;
  microphone: boolean;
}

export interface JoinPrompts {
  /** Resolves with the user's choice, or null for Cancel (also when a newer link replaces this one). */
  ask(question: JoinQuestion): Promise<JoinAnswer | null>;
  current(): JoinQuestion | null;
  answer(answer: JoinAnswer | null): void;
  onChange(listener: () => void): () => void;
}

export function createJoinPrompts(): JoinPrompts {
  let pending: { question: JoinQuestion; resolve(answer: JoinAnswer | null): void } | null = null;
  const listeners = new Set<() => void>();
  const settle = (answer: JoinAnswer | null) => {
    const settled = pending;
    pending = null;
    settled?.resolve(answer);
    for (const listener of listeners) listener();
  };
  return {
    ask(question) {
      settle(null);
      return new Promise((resolve) => {
        pending = { question, resolve };
        for (const listener of listeners) listener();
      });
    },
    current: () => pending?.question ?? null,
    answer: settle,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The prompt's words, keys as in pickerText. */
export const joinPromptText = {
  en: {
    title: (room: string) => `Join the room “${room}”?`,
    otherServer: (host: string) =>
      `This link uses another server, ${host}. Parley connects there for this call only; your settings stay as they are.`,
    camera: 'Camera on',
    microphone: 'Microphone on',
    join: 'Join',
    cancel: 'Cancel',
  },
  zh: {
    title: (room: string) => `加入房间“${room}”？`,
    otherServer: (host: string) =>
      `此链接使用另一台服务器 ${host}。Parley 仅在本次通话中连接到该服务器，你的设置不会改变。`,
    camera: '打开摄像头',
    microphone: '打开麦克风',
    join: '加入',
    cancel: '取消',
  },
} as const;

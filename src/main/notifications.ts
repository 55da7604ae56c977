/** A native notification for an incoming call, with Accept / Decline buttons where the OS has them. */
import { Notification } from 'electron';
import type { CallCommand } from '../shared/ipc';
import { incomingCallText, type TrayLanguage } from './tray-menu-model';

export interface IncomingCallNotifierOptions {
  language(): TrayLanguage;
  iconPath: string;
  command(command: CallCommand): void;
  revealWindow(): void;
}

export interface IncomingCallNotifier {
  ring(callId: string, from: string): void;
  settle(callId: string): void;
}

/** Action buttons exist on macOS and Windows; elsewhere a click opens the window to answer. */
const ACTIONS_SUPPORTED = process.platform === 'darwin' || process.platform === 'win32';

export function createIncomingCallNotifier(options: IncomingCallNotifierOptions): IncomingCallNotifier {
  const shown = new Map<string, Notification>();
  return {
    ring(callId, from) {
      if (!Notification.isSupported()) return;
      const text = incomingCallText(options.language(), from);
      const notification = new Notification({
        title: text.title,
        body: 'Parley',
        icon: options.iconPath,
        urgency: 'critical',
        timeoutType: 'never',
        actions: ACTIONS_SUPPORTED
          ? [
              { type: 'button', text: text.accept },
              { type: 'button', text: text.decline },
            ]
          : [],
      });
      notification.on('action', (event) => {
        const accept = event.actionIndex === 0;
        if (accept) options.revealWindow();
        options.command({ type: 'answer-call', callId, accept });
      });
      notification.on('click', () => options.revealWindow());
      notification.on('close', () => shown.delete(callId));
      shown.set(callId, notification);
      notification.show();
    },
    settle(callId) {
      shown.get(callId)?.close();
      shown.delete(callId);
    },
  };
}

/** Renders the desktop-only UI (settings, screen picker, notices, link prompt) in its own root, so the app needs no change to host it. */
import { createRoot } from 'react-dom/client';
import type { ParleyApi } from '../../shared/ipc';
import { DesktopNotices } from './DesktopNotices';
import { DesktopSettings } from './DesktopSettings';
import type { JoinPrompts } from './join-prompt';
import { JoinPrompt } from './JoinPrompt';
import { pickerText } from './picker-model';
import { ScreenSourcePicker } from './ScreenSourcePicker';
import { settingsText } from './settings-text';
import './overlay.css';

export function mountDesktopOverlay(
  parley: ParleyApi,
  language: keyof typeof pickerText,
  joinPrompts: JoinPrompts,
): () => void {
  const host = document.createElement('div');
  host.id = 'parley-desktop-overlay';
  document.body.append(host);
  const root = createRoot(host);
  root.render(
    <>
      <DesktopSettings parley={parley} text={settingsText[language]} />
      <DesktopNotices app={parley.app} dismissLabel={pickerText[language].dismiss} />
      <ScreenSourcePicker screen={parley.screen} language={language} />
      <JoinPrompt prompts={joinPrompts} language={language} />
    </>,
  );
  return () => {
    root.unmount();
    host.remove();
  };
}

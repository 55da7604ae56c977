/** The gear button in the top bar's corner and the Settings dialog it (or the tray's "Settings…") opens. */
import { useEffect, useState } from 'react';
import type { ParleyApi } from '../../shared/ipc';
import { SettingsDialog } from './SettingsDialog';
import type { SettingsText } from './settings-text';

export interface DesktopSettingsProps {
  parley: Pick<ParleyApi, 'settings' | 'server' | 'app'>;
  text: SettingsText;
}

export function DesktopSettings({ parley, text }: DesktopSettingsProps) {
  const [open, setOpen] = useState(false);
  useEffect(() => parley.settings.onOpenRequest(() => setOpen(true)), [parley]);

  return (
    <>
      <button
        type="button"
        className="parley-settings-gear"
        aria-label={text.open}
        title={text.open}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M19.14 12.94a7.1 7.1 0 0 0 0-1.88l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.6-.22l-2.39.96a7 7 0 0 0-1.63-.94l-.36-2.54A.5.5 0 0 0 13.9 2.4h-3.84a.5.5 0 0 0-.49.42l-.36 2.54a7 7 0 0 0-1.63.94l-2.39-.96a.5.5 0 0 0-.6.22L2.67 8.88a.5.5 0 0 0 .12.64l2.03 1.58a7.1 7.1 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32a.5.5 0 0 0 .6.22l2.39-.96c.5.38 1.05.7 1.63.94l.36 2.54a.5.5 0 0 0 .49.42h3.84a.5.5 0 0 0 .49-.42l.36-2.54a7 7 0 0 0 1.63-.94l2.39.96a.5.5 0 0 0 .6-.22l1.92-3.32a.5.5 0 0 0-.12-.64zM12 15.6a3.6 3.6 0 1 1 0-7.2 3.6 3.6 0 0 1 0 7.2z"
          />
        </svg>
      </button>
      {open && <SettingsDialog parley={parley} text={text} onClose={() => setOpen(false)} />}
    </>
  );
}

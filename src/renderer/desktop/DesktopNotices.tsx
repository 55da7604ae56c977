/** Shows what main could not do as configured (a taken shortcut, unreadable settings), until dismissed. */
import { useEffect, useState } from 'react';
import type { Notice, ParleyApi } from '../../shared/ipc';

export interface DesktopNoticesProps {
  app: ParleyApi['app'];
  dismissLabel: string;
}

export function DesktopNotices({ app, dismissLabel }: DesktopNoticesProps) {
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let live = true;
    const add = (incoming: Notice[]) => {
      if (live) setNotices((current) => [...current, ...incoming]);
    };
    const unsubscribe = app.onNotice((notice) => add([notice]));
    // Subscribed first, so nothing falls between the two.
    app.takeNotices().then(add, (error: unknown) => console.error('Parley desktop bridge:', error));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [app]);

  if (notices.length === 0) return null;
  return (
    <div className="parley-notices">
      {notices.map((notice, index) => (
        <div key={index} className="parley-notice" role="status">
          <span>{notice.message}</span>
          <button
            type="button"
            onClick={() => setNotices((current) => current.filter((_, i) => i !== index))}
          >
            {dismissLabel}
          </button>
        </div>
      ))}
    </div>
  );
}

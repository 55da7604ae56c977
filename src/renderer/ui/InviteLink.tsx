/** The room's invite link, read-only, with a copy button. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { CheckIcon, CopyIcon } from './icons';

const COPY_LABELS = { no: 'copyLink', yes: 'copied', failed: 'copyFailed' } as const;
const COPIED_MS = 2_000;

export function InviteLink({ link }: { link: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const field = useRef<HTMLInputElement>(null);
  // "Copied" is a moment's confirmation: the button goes back to offering the copy.
  useEffect(() => {
    if (copied !== 'yes') return;
    const timer = setTimeout(() => setCopied('no'), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      // Say so, and leave the link selected for the keyboard.
      () => {
        setCopied('failed');
        field.current?.select();
      },
    );
  };
  const label = t(COPY_LABELS[copied]);
  return (
    <div className="invite">
      <label className="invite-field">
        <span className="visually-hidden">{t('inviteLink')}</span>
        <input ref={field} readOnly value={link} onFocus={(event) => event.target.select()} />
      </label>
      {/* The text hides in narrow windows, so the name lives in aria-label. */}
      <button type="button" className="copy" aria-label={label} title={label} onClick={copy}>
        {copied === 'yes' ? <CheckIcon /> : <CopyIcon />}
        <span className="copy-text" aria-hidden="true">
          {label}
        </span>
      </button>
    </div>
  );
}

/** The room's invite link, read-only, with a copy button. */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { CheckIcon, CopyIcon } from './icons';

const COPIED_MS = 2_000;

export function InviteLink({ link }: { link: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  // "Copied" is a moment's confirmation: the button goes back to offering the copy.
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard
      .writeText(link)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="invite">
      <label className="invite-field">
        <span className="visually-hidden">{t('inviteLink')}</span>
        <input readOnly value={link} onFocus={(event) => event.target.select()} />
      </label>
      {/* The text hides in narrow windows, so the name lives in aria-label. */}
      <button type="button" className="copy" aria-label={t(copied ? 'copied' : 'copyLink')} onClick={copy}>
        {copied ? <CheckIcon /> : <CopyIcon />}
        <span className="copy-text" aria-hidden="true">
          {t(copied ? 'copied' : 'copyLink')}
        </span>
      </button>
    </div>
  );
}

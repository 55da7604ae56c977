/** The room's invite link, read-only, with a copy button. */
import { useState } from 'react';
import { useI18n } from '../i18n';

export function InviteLink({ link }: { link: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard
      .writeText(link)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="invite">
      <label className="field">
        <span>{t('inviteLink')}</span>
        <input readOnly value={link} onFocus={(event) => event.target.select()} />
      </label>
      <button type="button" onClick={copy}>
        {copied ? t('copied') : t('copyLink')}
      </button>
    </div>
  );
}

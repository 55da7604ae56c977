/**
 * A tile's verification: the link code to read aloud and "They match", the
 * verified mark, and the warning when a verified person's key has changed.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

/** Compares the code by voice; "They match" marks the person verified. */
export function VerifyPanel(props: { name: string; code: string[]; onMatch(): void; onCancel(): void }) {
  const { t } = useI18n();
  const match = useRef<HTMLButtonElement>(null);
  // Opened from a button that is about to disappear: move focus into the panel.
  useEffect(() => match.current?.focus(), []);
  return (
    <div className="verify-panel" role="group" aria-label={t('verify', { name: props.name })}>
      <p>{t('verifyHint', { name: props.name })}</p>
      <p className="sas" role="img" aria-label={t('verificationCode', { code: props.code.join(' ') })}>
        {props.code.join(' ')}
      </p>
      <div className="verify-buttons">
        <button ref={match} type="button" className="primary" onClick={props.onMatch}>
          {t('theyMatch')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** "Verify {name}", or "Reset verification" once verified. */
export function VerifyActions(props: { name: string; verified: boolean; onVerify(): void; onReset(): void }) {
  const { t } = useI18n();
  return props.verified ? (
    <button type="button" onClick={props.onReset}>
      {t('resetVerification', { name: props.name })}
    </button>
  ) : (
    <button type="button" onClick={props.onVerify}>
      {t('verify', { name: props.name })}
    </button>
  );
}

export function VerifiedMark() {
  const { t } = useI18n();
  return (
    <span className="badge verified" role="img" aria-label={t('verified')} title={t('verified')}>
      ✓
    </span>
  );
}

/** Covers a person whose key changed since they were verified; their media waits for the user's choice. */
export function KeyChangedWarning(props: { name: string; onCompare(): void; onShowAnyway(): void }) {
  const { t } = useI18n();
  return (
    <div className="key-changed" role="alert">
      <p>{t('keyChanged', { name: props.name })}</p>
      <div className="verify-buttons">
        <button type="button" className="primary" onClick={props.onCompare}>
          {t('compareCode')}
        </button>
        <button type="button" onClick={props.onShowAnyway}>
          {t('showAnyway')}
        </button>
      </div>
    </div>
  );
}

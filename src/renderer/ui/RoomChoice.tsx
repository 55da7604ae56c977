/**
 * How a person gets into a room. Opened from an invite, the one obvious action
 * is joining that room; otherwise "New room" (optionally locked with a
 * password) or a link or code to join. A password is asked for only once the
 * server says the room needs one.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import type { CallEndReason } from '../engine/Ringing';
import { ErrorNotice } from './ErrorNotice';
import { parseRoomInput } from './roomInput';
import { useSession, useSnapshot } from './session';

const ENDED: Record<CallEndReason, MessageKey> = {
  declined: 'endedDeclined',
  'you-declined': 'endedYouDeclined',
  cancelled: 'endedCancelled',
  busy: 'endedBusy',
  timeout: 'endedTimeout',
  missed: 'endedMissed',
  left: 'endedLeft',
  ended: 'endedEnded',
};

interface Props {
  /** The room the page's address invites to, if any. */
  invitedTo: string | null;
  /** A `?room=` value that is no room code: said, not silently ignored. */
  malformed: string | null;
  /** Saves the typed display name before anything is sent under it. */
  beforeJoin(): void;
}

export function RoomChoice({ invitedTo, malformed, beforeJoin }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();
  const [invite, setInvite] = useState(invitedTo);
  const [password, setPassword] = useState('');
  const joining = snapshot.phase === 'joining';
  const needsPassword =
    snapshot.error?.code === 'password_required' || snapshot.error?.code === 'wrong_password';

  const join = (room: string) => {
    beforeJoin();
    session.joinRoom(room, needsPassword ? password : undefined);
  };
  const passwordField = needsPassword && (
    <label className="field">
      <span>{t('roomPassword')}</span>
      <input
        type="password"
        value={password}
        autoFocus
        onChange={(event) => setPassword(event.target.value)}
      />
    </label>
  );
  const notices = (
    <>
      {snapshot.ended && (
        <div className="notice" role="status">
          {t(ENDED[snapshot.ended.reason], { name: snapshot.ended.peer?.name ?? '' })}
        </div>
      )}
      {snapshot.error && <ErrorNotice error={snapshot.error} onDismiss={() => session.clearError()} />}
    </>
  );

  if (invite) {
    return (
      <section className="card invite-card" aria-labelledby="invite-heading">
        {notices}
        <h2 id="invite-heading">{t('invitedTo', { room: invite })}</h2>
        <p>{t('invitedHint')}</p>
        <form
          className="join"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            join(invite);
          }}
        >
          {passwordField}
          <button type="submit" className="primary big" disabled={joining}>
            {joining ? t('joining') : t('join')}
          </button>
        </form>
        <button type="button" className="link" onClick={() => setInvite(null)}>
          {t('startNewInstead')}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-label={t('joinTitle')}>
      {malformed !== null && (
        <div className="notice error" role="alert">
          {t('badRoomCode', { value: malformed })}
        </div>
      )}
      {notices}
      <NewRoom disabled={joining} beforeJoin={beforeJoin} />
      <JoinByCode joining={joining} passwordField={passwordField} onJoin={join} />
    </section>
  );
}

function NewRoom({ disabled, beforeJoin }: { disabled: boolean; beforeJoin(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const [lock, setLock] = useState(false);
  const [password, setPassword] = useState('');
  return (
    <div className="new-room">
      <button
        type="button"
        className="primary"
        disabled={disabled || (lock && !password)}
        onClick={() => {
          beforeJoin();
          session.joinRoom(undefined, lock ? password : undefined);
        }}
      >
        {t('newRoom')}
      </button>
      <label className="check">
        <input type="checkbox" checked={lock} onChange={(event) => setLock(event.target.checked)} />
        {t('lockNewRoom')}
      </label>
      {lock && (
        <label className="field">
          <span>{t('newRoomPassword')}</span>
          <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
      )}
    </div>
  );
}

interface JoinByCodeProps {
  joining: boolean;
  passwordField: ReactNode;
  onJoin(room: string): void;
}

function JoinByCode({ joining, passwordField, onJoin }: JoinByCodeProps) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const room = parseRoomInput(input);
  const invalid = input.trim() !== '' && !room;
  return (
    <form
      className="join"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (room) onJoin(room);
      }}
    >
      <h2>{t('joinTitle')}</h2>
      <label className="field">
        <span>{t('roomLinkOrCode')}</span>
        <input
          value={input}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'room-input-error' : undefined}
          onChange={(event) => setInput(event.target.value)}
        />
      </label>
      {invalid && (
        <p id="room-input-error" className="field-error">
          {t('badRoomInput')}
        </p>
      )}
      {passwordField}
      <button type="submit" disabled={!room || joining}>
        {joining ? t('joining') : t('join')}
      </button>
    </form>
  );
}

/** The chat panel: messages in arrival order, a labelled input, send on Enter, a counter near the length limit. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { charactersOver } from '../engine/Chat';
import { MAX_CHAT_LENGTH } from '../engine/peerMessages';
import { useI18n } from '../i18n';
import { Panel } from './Panel';
import { useSession, useSnapshot } from './session';

/** The counter shows from this many characters left. */
const COUNTER_FROM = 200;

export function ChatPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const { chat } = useSnapshot();
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const over = charactersOver(draft);
  const length = draft.trim().length;

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [chat.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Kept when refused: a draft is never cut or dropped.
    if (session.sendChat(draft)) setDraft('');
  };

  return (
    <Panel className="chat" role="complementary" title={t('chat')} onClose={onClose}>
      <div className="messages" role="log" aria-label={t('chat')} aria-live="polite">
        {chat.length === 0 ? (
          <p className="empty">{t('chatEmpty')}</p>
        ) : (
          <ol ref={list}>
            {chat.map((message) => (
              <li key={message.id} className={message.own ? 'own' : ''} data-from={message.from}>
                <strong>{message.own ? t('you') : message.name}</strong>
                <span className="text">{message.text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <form onSubmit={submit}>
        <input
          aria-label={t('chatMessage')}
          aria-describedby="chat-counter"
          aria-invalid={over > 0}
          placeholder={t('chatMessage')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          // Esc closes the panel from the field too, as the shortcut hint says.
          onKeyDown={(event) => event.key === 'Escape' && onClose()}
          autoFocus
        />
        <button type="submit" disabled={!draft.trim() || over > 0}>
          {t('send')}
        </button>
      </form>
      <p id="chat-counter" className={over > 0 ? 'chat-counter over' : 'chat-counter'} aria-live="polite">
        {over > 0
          ? t('chatTooLong', { over, max: MAX_CHAT_LENGTH })
          : length >= MAX_CHAT_LENGTH - COUNTER_FROM &&
            t('chatCount', { count: length, max: MAX_CHAT_LENGTH })}
      </p>
    </Panel>
  );
}

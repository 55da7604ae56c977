/** The chat panel: messages in arrival order, a labelled input, send on Enter. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_CHAT_LENGTH } from '../engine/peerMessages';
import { useI18n } from '../i18n';
import { Panel } from './Panel';
import { useSession, useSnapshot } from './session';

export function ChatPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const { chat } = useSnapshot();
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [chat.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    session.sendChat(draft);
    setDraft('');
  };

  return (
    <Panel className="chat" role="complementary" title={t('chat')} onClose={onClose}>
      <ol ref={list} className="messages" role="log" aria-label={t('chat')} aria-live="polite">
        {chat.length === 0 && <li className="empty">{t('chatEmpty')}</li>}
        {chat.map((message) => (
          <li key={message.id} className={message.own ? 'own' : ''} data-from={message.from}>
            <strong>{message.own ? t('you') : message.name}</strong>
            <span className="text">{message.text}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <input
          aria-label={t('chatMessage')}
          placeholder={t('chatMessage')}
          value={draft}
          maxLength={MAX_CHAT_LENGTH}
          onChange={(event) => setDraft(event.target.value)}
          autoFocus
        />
        <button type="submit" disabled={!draft.trim()}>
          {t('send')}
        </button>
      </form>
    </Panel>
  );
}

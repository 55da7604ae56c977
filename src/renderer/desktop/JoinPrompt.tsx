/** Asks before a parley:// link joins a room: which room, which server, camera and microphone on or off. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { joinPromptText, type JoinPrompts } from './join-prompt';

export interface JoinPromptProps {
  prompts: JoinPrompts;
  language: keyof typeof joinPromptText;
}

export function JoinPrompt({ prompts, language }: JoinPromptProps) {
  const question = useSyncExternalStore(prompts.onChange, prompts.current);
  const [camera, setCamera] = useState(true);
  const [microphone, setMicrophone] = useState(true);
  const text = joinPromptText[language];

  useEffect(() => {
    if (!question) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') prompts.answer(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [question, prompts]);

  if (!question) return null;
  return (
    <div className="parley-picker-backdrop">
      <div className="parley-picker" role="dialog" aria-modal="true" aria-labelledby="parley-join-title">
        <h2 id="parley-join-title">{text.title(question.roomId)}</h2>
        {question.serverUrl && <p>{text.otherServer(new URL(question.serverUrl).host)}</p>}
        <div className="parley-picker-actions">
          <label>
            <input type="checkbox" checked={camera} onChange={(event) => setCamera(event.target.checked)} />
            {text.camera}
          </label>
          <label>
            <input
              type="checkbox"
              checked={microphone}
              onChange={(event) => setMicrophone(event.target.checked)}
            />
            {text.microphone}
          </label>
          <button type="button" onClick={() => prompts.answer(null)}>
            {text.cancel}
          </button>
          <button
            type="button"
            className="primary"
            autoFocus
            onClick={() => prompts.answer({ camera, microphone })}
          >
            {text.join}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * Parley's own screen picker. Main asks for it when the page calls
 * getDisplayMedia; the user's pick (or Cancel / Escape) goes back to main,
 * which answers getDisplayMedia with it.
 */
import { useEffect, useState } from 'react';
import type { ParleyApi, ScreenPickRequest, ScreenSource } from '../../shared/ipc';
import { pickerModel, pickerText } from './picker-model';

export interface ScreenSourcePickerProps {
  screen: ParleyApi['screen'];
  language: keyof typeof pickerText;
}

export function ScreenSourcePicker({ screen, language }: ScreenSourcePickerProps) {
  const [request, setRequest] = useState<ScreenPickRequest | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [audio, setAudio] = useState(false);
  const text = pickerText[language];

  useEffect(
    () =>
      screen.onPickRequest((next) => {
        setRequest(next);
        setSelected(pickerModel(next).initial);
        setAudio(false);
      }),
    [screen],
  );

  useEffect(() => {
    if (!request) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') answer(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!request) return null;
  const model = pickerModel(request);

  function answer(sourceId: string | null) {
    if (!request) return;
    void screen.choose({ requestId: request.requestId, sourceId, audio: sourceId !== null && audio });
    setRequest(null);
  }

  const group = (title: string, sources: ScreenSource[]) =>
    sources.length > 0 && (
      <fieldset className="parley-picker-group">
        <legend>{title}</legend>
        <div className="parley-picker-grid">
          {sources.map((source) => (
            <label key={source.id} className="parley-picker-source" data-selected={selected === source.id}>
              <input
                type="radio"
                name="parley-screen-source"
                value={source.id}
                checked={selected === source.id}
                onChange={() => setSelected(source.id)}
                onDoubleClick={() => answer(source.id)}
              />
              {source.thumbnailDataUrl ? (
                <img src={source.thumbnailDataUrl} alt="" />
              ) : (
                <span className="parley-picker-blank" />
              )}
              <span className="parley-picker-name">
                {source.appIconDataUrl && (
                  <img className="parley-picker-icon" src={source.appIconDataUrl} alt="" />
                )}
                {source.name}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    );

  return (
    <div className="parley-picker-backdrop">
      <div className="parley-picker" role="dialog" aria-modal="true" aria-labelledby="parley-picker-title">
        <h2 id="parley-picker-title">{text.title}</h2>
        {model.initial === null && <p role="alert">{text.nothing}</p>}
        {group(text.screens, model.screens)}
        {group(text.windows, model.windows)}
        <div className="parley-picker-actions">
          {request.audioAvailable && (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={audio}
                  aria-describedby={audio ? 'parley-picker-audio-hint' : undefined}
                  onChange={(event) => setAudio(event.target.checked)}
                />
                {text.audio}
              </label>
              {audio && (
                <small id="parley-picker-audio-hint" className="parley-settings-hint">
                  {text.audioHint}
                </small>
              )}
            </>
          )}
          <button type="button" onClick={() => answer(null)}>
            {text.cancel}
          </button>
          <button type="button" disabled={selected === null} onClick={() => answer(selected)}>
            {text.share}
          </button>
        </div>
      </div>
    </div>
  );
}

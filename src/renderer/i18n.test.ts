import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  initialLanguage,
  LANGUAGES,
  rememberLanguage,
  translator,
  type MessageKey,
} from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('gives every message in every language, with the same placeholders', () => {
    const english = LANGUAGES.en.dictionary;
    for (const { dictionary } of Object.values(LANGUAGES)) {
      for (const key of Object.keys(english) as MessageKey[]) {
        expect(dictionary[key].length, key).toBeGreaterThan(0);
        expect(placeholders(dictionary[key]), key).toEqual(placeholders(english[key]));
      }
    }
  });

  it('fills placeholders', () => {
    expect(translator('en')('callPerson', { name: 'Bob' })).toBe('Call Bob');
    expect(translator('zh')('callPerson', { name: 'Bob' })).toBe('呼叫 Bob');
  });

  it('picks Chinese for any zh browser language, English otherwise', () => {
    expect(detectLanguage(['zh-CN', 'en'])).toBe('zh');
    expect(detectLanguage(['en-GB', 'zh-TW'])).toBe('zh');
    expect(detectLanguage(['fr-FR'])).toBe('en');
  });

  it('remembers the chosen language', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    rememberLanguage('zh', storage);
    expect(initialLanguage(storage)).toBe('zh');
  });
});

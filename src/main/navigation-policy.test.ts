import { describe, expect, it } from 'vitest';
import { decideNavigation, isSafeExternalUrl } from './navigation-policy';

const origins = ['app://parley'];

describe('decideNavigation', () => {
  it('keeps the app’s own pages in the window', () => {
    expect(decideNavigation('app://parley/index.html?room=abc', origins)).toBe('stay-in-app');
  });

  it('sends web links to the default browser', () => {
    expect(decideNavigation('https://example.org/docs', origins)).toBe('open-externally');
    expect(decideNavigation('http://192.168.1.20:47610/?room=abc', origins)).toBe('open-externally');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://host/share',
    'app://other/index.html',
    'https://user:secret@example.org/',
    'chrome://settings',
    'not a url',
  ])('refuses %s', (url) => {
    expect(decideNavigation(url, origins)).toBe('refuse');
  });

  it('treats the dev server as the app only when it is an app origin', () => {
    expect(decideNavigation('http://localhost:5173/', origins)).toBe('open-externally');
    expect(decideNavigation('http://localhost:5173/', [...origins, 'http://localhost:5173'])).toBe(
      'stay-in-app',
    );
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts http(s) only', () => {
    expect(isSafeExternalUrl('https://parley.example/')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@b.c')).toBe(false);
  });
});

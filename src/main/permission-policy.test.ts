import { describe, expect, it } from 'vitest';
import { appOrigins as originsFor, isAppUrl, originOf } from './app-origin';
import { isPermissionAllowed } from './permission-policy';

const appOrigins = ['app://parley'];
const fromApp = { requestingUrl: 'app://parley/index.html', isMainFrame: true };

describe('isPermissionAllowed', () => {
  it.each([
    'media',
    'display-capture',
    'notifications',
    'fullscreen',
    'speaker-selection',
    'clipboard-sanitized-write',
  ])('grants %s to the app page', (permission) => {
    expect(isPermissionAllowed({ permission, ...fromApp }, appOrigins)).toBe(true);
  });

  it.each([
    'geolocation',
    'clipboard-read',
    'usb',
    'hid',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'unknown',
  ])('refuses %s even to the app page', (permission) => {
    expect(isPermissionAllowed({ permission, ...fromApp }, appOrigins)).toBe(false);
  });

  it('refuses other origins', () => {
    for (const requestingUrl of [
      'https://evil.example/',
      'app://other/index.html',
      'http://localhost:5173/',
      'file:///etc/passwd',
      undefined,
      'not a url',
    ]) {
      expect(isPermissionAllowed({ permission: 'media', requestingUrl, isMainFrame: true }, appOrigins)).toBe(
        false,
      );
    }
  });

  it('refuses sub-frames of the app, the clipboard included', () => {
    for (const permission of ['media', 'clipboard-sanitized-write'])
      expect(isPermissionAllowed({ permission, ...fromApp, isMainFrame: false }, appOrigins)).toBe(false);
  });

  it('lets only the app page write the clipboard', () => {
    const write = { permission: 'clipboard-sanitized-write', isMainFrame: true };
    expect(isPermissionAllowed({ ...write, requestingUrl: 'https://evil.example/' }, appOrigins)).toBe(false);
  });

  it('grants the dev server origin only when it is one of the app origins', () => {
    const dev = { permission: 'media', requestingUrl: 'http://localhost:5173/', isMainFrame: true };
    expect(isPermissionAllowed(dev, appOrigins)).toBe(false);
    expect(isPermissionAllowed(dev, [...appOrigins, 'http://localhost:5173'])).toBe(true);
  });
});

describe('origins', () => {
  it('names custom-scheme origins by scheme and host', () => {
    expect(originOf('app://parley/assets/x.js')).toBe('app://parley');
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173');
    expect(originOf('file:///tmp/x.html')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });

  it('adds the dev server origin only when there is one', () => {
    expect(originsFor(undefined)).toEqual(['app://parley']);
    expect(originsFor('http://localhost:5173/')).toEqual(['app://parley', 'http://localhost:5173']);
  });

  it('does not mistake a lookalike host for the app', () => {
    expect(isAppUrl('app://parley.evil/index.html', appOrigins)).toBe(false);
    expect(isAppUrl('app://parley:80/index.html', appOrigins)).toBe(false);
  });
});

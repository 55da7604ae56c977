import { describe, expect, it } from 'vitest';
import { findDeepLinkArg, formatDeepLink, parseDeepLink } from './deep-link';

describe('parseDeepLink', () => {
  it('reads the room and the server', () => {
    expect(parseDeepLink('parley://join/team-standup?server=ws%3A%2F%2F192.168.1.20%3A47610%2Fws')).toEqual({
      roomId: 'team-standup',
      serverUrl: 'ws://192.168.1.20:47610/ws',
    });
  });

  it('accepts an unencoded server URL and wss', () => {
    expect(parseDeepLink('parley://join/abc?server=wss://talk.example.org/ws')).toEqual({
      roomId: 'abc',
      serverUrl: 'wss://talk.example.org/ws',
    });
  });

  it('leaves the server out when the link has none', () => {
    expect(parseDeepLink('parley://join/abc_123')).toEqual({ roomId: 'abc_123' });
    expect(parseDeepLink('parley://join/abc/')).toEqual({ roomId: 'abc' });
  });

  it('round-trips with formatDeepLink', () => {
    const target = { roomId: 'R-1', serverUrl: 'ws://127.0.0.1:4000/ws?x=1&y=2' };
    expect(parseDeepLink(formatDeepLink(target))).toEqual(target);
  });

  it.each([
    ['another scheme', 'https://join/abc'],
    ['another action', 'parley://call/abc'],
    ['no room', 'parley://join/'],
    ['a nested path', 'parley://join/abc/def'],
    ['a room id with bad characters', 'parley://join/a%20b'],
    ['a room id that is too long', `parley://join/${'a'.repeat(65)}`],
    ['an http server', 'parley://join/abc?server=http://example.org'],
    ['a javascript server', 'parley://join/abc?server=javascript:alert(1)'],
    ['a server with credentials', 'parley://join/abc?server=ws://u:p@example.org/ws'],
    ['a server that is not a URL', 'parley://join/abc?server=nope'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });
});

describe('findDeepLinkArg', () => {
  it('finds the link among Chromium switches', () => {
    expect(findDeepLinkArg(['/opt/Parley/parley', '--no-sandbox', 'parley://join/abc'])).toBe(
      'parley://join/abc',
    );
    expect(findDeepLinkArg(['/opt/Parley/parley', '--hidden'])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { inviteFromAddress, parseRoomInput } from './roomInput';

describe('parseRoomInput', () => {
  it('takes the room from an invite link', () => {
    expect(parseRoomInput(' http://127.0.0.1:4000/?room=abc_12 ')).toBe('abc_12');
  });
  it('takes the room from a desktop deep link', () => {
    expect(parseRoomInput('parley://join/team-7?server=ws%3A%2F%2F127.0.0.1%3A4000%2Fws')).toBe('team-7');
  });
  it('accepts a bare code and refuses anything else', () => {
    expect(parseRoomInput('Room_9')).toBe('Room_9');
    expect(parseRoomInput('not a room!')).toBeNull();
    expect(parseRoomInput('http://x/?nothing=1')).toBeNull();
    expect(parseRoomInput('')).toBeNull();
  });
});

describe('inviteFromAddress', () => {
  it('reads the room of an invite, keeps a malformed value to report it, and ignores no room', () => {
    expect(inviteFromAddress('?room=abc_12&test=1')).toEqual({ room: 'abc_12', malformed: null });
    expect(inviteFromAddress('?room=abc%2012!')).toEqual({ room: null, malformed: 'abc 12!' });
    expect(inviteFromAddress('?test=1')).toEqual({ room: null, malformed: null });
  });
});

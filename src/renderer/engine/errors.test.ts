import { describe, expect, it } from 'vitest';
import { mediaError, serverError } from './errors';

describe('mediaError', () => {
  it('maps getUserMedia rejections to codes the UI explains', () => {
    const code = (name: string, source?: 'screen') => mediaError(new DOMException('x', name), source).code;
    expect(code('NotAllowedError')).toBe('permission_denied');
    expect(code('NotAllowedError', 'screen')).toBe('screen_share_denied');
    expect(code('NotFoundError')).toBe('no_device');
    expect(code('NotReadableError')).toBe('device_busy');
    expect(code('OverconstrainedError')).toBe('constraints_unsatisfiable');
    expect(code('SomethingNew')).toBe('unknown');
  });

  it('never blames a camera or microphone for a failed screen share (Firefox says NotFoundError)', () => {
    const failed = mediaError(
      new DOMException('The object can not be found here.', 'NotFoundError'),
      'screen',
    );
    expect(failed.code).toBe('screen_share_failed');
    expect(failed.message).toBe('The object can not be found here.');
  });
});

describe('serverError', () => {
  it('keeps the codes a person can act on and wraps the rest', () => {
    expect(serverError('room_full', 'full').code).toBe('room_full');
    expect(serverError('wrong_password', 'no').code).toBe('wrong_password');
    const other = serverError('invalid_message', 'slow down');
    expect(other.code).toBe('signaling_error');
    expect(other.message).toBe('invalid_message: slow down');
  });
});

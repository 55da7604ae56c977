/**
 * Typed errors with codes, so the UI can say precisely what went wrong and
 * what to do about it (after LiveKit's ConnectionErrorReason).
 */
import type { ErrorCode } from '../../shared/protocol';

export type ParleyErrorCode =
  | 'permission_denied'
  | 'no_device'
  | 'device_busy'
  | 'constraints_unsatisfiable'
  | 'screen_share_denied'
  | 'screen_share_failed'
  | 'server_unreachable'
  | 'room_full'
  | 'wrong_password'
  | 'password_required'
  | 'room_not_locked'
  | 'too_many_rooms'
  | 'rate_limited'
  | 'peer_not_found'
  | 'connection_failed'
  | 'turn_refused'
  | 'peer_lost'
  | 'signaling_error'
  | 'noise_suppression_failed'
  | 'background_blur_failed'
  | 'unknown';

export class ParleyError extends Error {
  constructor(
    readonly code: ParleyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ParleyError';
  }
}

/** Maps a getUserMedia / getDisplayMedia rejection to a Parley error code. */
export function mediaError(error: unknown, source: 'camera-mic' | 'screen' = 'camera-mic'): ParleyError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  // A screen share that fails is never about a camera or microphone (Firefox says NotFoundError).
  if (source === 'screen' && name !== 'NotAllowedError' && name !== 'SecurityError') {
    return new ParleyError('screen_share_failed', message || name, { cause: error });
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new ParleyError(source === 'screen' ? 'screen_share_denied' : 'permission_denied', message, {
        cause: error,
      });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new ParleyError(name === 'NotFoundError' ? 'no_device' : 'constraints_unsatisfiable', message, {
        cause: error,
      });
    case 'NotReadableError':
    case 'AbortError':
      return new ParleyError('device_busy', message, { cause: error });
    default:
      return new ParleyError('unknown', message, { cause: error });
  }
}

/** An effect that could not start or stopped: the plain track goes on. */
export function effectError(effect: 'noiseSuppression' | 'backgroundBlur', error: unknown): ParleyError {
  const message = error instanceof Error ? error.message : String(error);
  const code = effect === 'noiseSuppression' ? 'noise_suppression_failed' : 'background_blur_failed';
  return new ParleyError(code, message, { cause: error });
}

/** A participant whose link gave up and who was dropped from the call; the message is their name. */
export function peerLost(name: string): ParleyError {
  return new ParleyError('peer_lost', name);
}

/** Maps a server `error` message to a Parley error code the UI knows. */
export function serverError(code: ErrorCode, message: string): ParleyError {
  switch (code) {
    case 'room_full':
    case 'wrong_password':
    case 'password_required':
    case 'room_not_locked':
    case 'too_many_rooms':
    case 'rate_limited':
    case 'peer_not_found':
      return new ParleyError(code, message);
    default:
      return new ParleyError('signaling_error', `${code}: ${message}`);
  }
}

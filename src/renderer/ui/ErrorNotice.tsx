/** Says what went wrong and what to do, for every ParleyError code. */
import type { ParleyError, ParleyErrorCode } from '../engine/errors';
import { useI18n, type MessageKey } from '../i18n';

const MESSAGE: Record<ParleyErrorCode, MessageKey> = {
  permission_denied: 'errPermission',
  no_device: 'errNoDevice',
  device_busy: 'errDeviceBusy',
  constraints_unsatisfiable: 'errConstraints',
  screen_share_denied: 'errScreenDenied',
  screen_share_failed: 'errScreenFailed',
  server_unreachable: 'serverConnecting',
  room_full: 'errRoomFull',
  wrong_password: 'errWrongPassword',
  password_required: 'errPasswordRequired',
  room_not_locked: 'errRoomNotLocked',
  too_many_rooms: 'errTooManyRooms',
  rate_limited: 'errRateLimited',
  peer_not_found: 'errPeerNotFound',
  connection_failed: 'errConnection',
  turn_refused: 'errTurnRefused',
  peer_lost: 'errPeerLost',
  signaling_error: 'errSignaling',
  noise_suppression_failed: 'errNoiseSuppression',
  background_blur_failed: 'errBackgroundBlur',
  unknown: 'errUnknown',
};

interface Props {
  error: ParleyError;
  onRetry?: () => void;
  onDismiss?: () => void;
}

export function ErrorNotice({ error, onRetry, onDismiss }: Props) {
  const { t } = useI18n();
  return (
    <div className="notice error" role="alert" data-error-code={error.code}>
      <p>{t(MESSAGE[error.code], { message: error.message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      )}
    </div>
  );
}

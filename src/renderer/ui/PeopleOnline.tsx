/** The people online on this server, each with a button to ring them. */
import { useI18n } from '../i18n';
import { PhoneIcon } from './icons';
import { useSession, useSnapshot } from './session';

export function PeopleOnline({ beforeRing }: { beforeRing(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const { online } = useSnapshot();
  return (
    <section className="card" aria-labelledby="online-heading">
      <h2 id="online-heading">{t('peopleOnline')}</h2>
      {online.length === 0 ? (
        <p>{t('nobodyOnline')}</p>
      ) : (
        <ul className="online" aria-labelledby="online-heading">
          {online.map((peer) => (
            <li key={peer.peerId}>
              <span className="online-name" title={peer.name}>
                {peer.name}
              </span>
              <button
                type="button"
                className="call-person"
                aria-label={t('callPerson', { name: peer.name })}
                title={t('callPerson', { name: peer.name })}
                onClick={() => {
                  beforeRing();
                  session.ring(peer.peerId);
                }}
              >
                <PhoneIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

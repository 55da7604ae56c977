/** Per-participant connection statistics, refreshed every second by the engine. */
import type { CandidateType } from '../engine/stats';
import type { ReductionReason } from '../engine/quality';
import { useI18n, type MessageKey } from '../i18n';
import { Panel } from './Panel';
import { useSnapshot } from './session';

const dash = '–';

/** How media travels, in words, for the local candidate type of the pair in use. */
const ROUTE: Record<CandidateType, MessageKey> = {
  host: 'routeHost',
  srflx: 'routeSrflx',
  prflx: 'routePrflx',
  relay: 'routeRelay',
};

const REASON_KEY: Record<ReductionReason, MessageKey> = {
  people: 'reducedPeople',
  screen: 'reducedScreen',
  cpu: 'reducedCpu',
  bandwidth: 'reducedBandwidth',
  preset: 'reducedPreset',
};

export function StatsPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { participants } = useSnapshot();
  const people = participants.length + 1;
  return (
    <Panel className="stats" role="dialog" title={t('stats')} onClose={onClose}>
      {participants.map(({ peerId, name, stats, sending }) => (
        <table key={peerId} aria-label={name}>
          <caption>{name}</caption>
          <tbody>
            <Row label={t('statsRtt')} value={stats?.rttMs != null ? `${stats.rttMs} ms` : dash} />
            <Row
              label={t('statsLoss')}
              value={stats?.lossPercent != null ? `${stats.lossPercent} %` : dash}
            />
            <Row
              label={t('statsBitrate')}
              value={
                stats?.inboundKbps != null
                  ? `${stats.inboundKbps} / ${stats.outboundKbps ?? dash} kbit/s`
                  : dash
              }
            />
            <Row
              label={t('statsResolution')}
              value={stats?.width ? `${stats.width}×${stats.height}` : dash}
            />
            <Row label={t('statsFps')} value={stats?.fps != null ? String(Math.round(stats.fps)) : dash} />
            <Row label={t('statsCodec')} value={stats?.codec ?? dash} />
            <Row
              label={t('statsCandidate')}
              value={stats?.candidateType ? t(ROUTE[stats.candidateType]) : dash}
            />
            <Row
              label={t('statsSending')}
              value={
                sending?.width
                  ? `${sending.width}×${sending.height} · ${Math.round(sending.fps ?? 0)} fps`
                  : dash
              }
            />
            <Row
              label={t('statsReducedBy')}
              value={
                sending?.reasons.length
                  ? sending.reasons.map((reason) => t(REASON_KEY[reason], { count: people })).join(', ')
                  : dash
              }
            />
          </tbody>
        </table>
      ))}
    </Panel>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

import type { Quality } from '../core/meeting/ConnectionQuality';

const WORDS = ['not measured yet', 'poor', 'fair', 'good'] as const;

/** Three bars, lit by the connection's quality; the label says it in words. */
export function QualityBars({ quality }: { quality: Quality | undefined }) {
  const bars = quality?.bars ?? 0;
  return (
    <span className="quality-bars" role="img" aria-label={`Connection ${WORDS[bars]}`} data-bars={bars}>
      {[1, 2, 3].map((n) => (
        <span key={n} className={n <= bars ? `bar on q${bars}` : 'bar'} style={{ height: `${n * 4}px` }} />
      ))}
    </span>
  );
}

function show(value: number | null, unit: string, digits = 0): string {
  return value === null ? '–' : `${value.toFixed(digits)} ${unit}`;
}

/** The numbers behind the bars. */
export function QualityDetails({ quality, own }: { quality: Quality | undefined; own: boolean }) {
  return (
    <dl className="quality-details" data-testid="quality-details">
      <dt>Packet loss</dt>
      <dd data-testid="quality-loss">{show(quality?.lossPercent ?? null, '%', 1)}</dd>
      <dt>Round trip to the server</dt>
      <dd data-testid="quality-rtt">{show(quality?.rttMs ?? null, 'ms')}</dd>
      <dt>{own ? 'Sending' : 'Receiving'}</dt>
      <dd data-testid="quality-bitrate">{show(quality?.bitrateKbps ?? null, 'kbit/s')}</dd>
    </dl>
  );
}

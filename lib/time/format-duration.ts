/** Formats a duration as `m:ss`, or `h:mm:ss` from one hour; negative durations show as zero. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** The duration a call card shows: talk time once connected, ringing time before. */
export function callElapsedMs(call: { startedAt: number; connectedAt?: number; endedAt?: number }, now: number): number {
  const from = call.connectedAt ?? call.startedAt;
  return (call.endedAt ?? now) - from;
}

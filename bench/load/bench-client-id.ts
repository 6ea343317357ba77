/**
 * The clientId of every benchmark message carries what the receivers need to measure it:
 * the step it belongs to, the sending worker, a counter and the send time. So acks and
 * deliveries need no lookup table, in whichever process they arrive. Step 0 is set-up traffic.
 * Fits the protocol's clientId rule: at most 64 characters of [A-Za-z0-9_-].
 */
export interface BenchClientId {
  step: number;
  sentAtMicros: number;
}

export function encodeClientId(step: number, worker: number, counter: number, sentAtMicros: number): string {
  return `${step}-${worker}-${counter}-${sentAtMicros}`;
}

export function decodeClientId(clientId: string): BenchClientId | null {
  const parts = clientId.split('-');
  if (parts.length !== 4) return null;
  const step = Number(parts[0]);
  const sentAtMicros = Number(parts[3]);
  return Number.isFinite(step) && Number.isFinite(sentAtMicros) ? { step, sentAtMicros } : null;
}

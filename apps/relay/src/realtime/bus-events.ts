/**
 * What relay nodes say to each other over the bus. Internal to the relay (clients never see these
 * envelopes): a frame to forward to sockets, or a control event a node acts on.
 */
import type { RelayToConsole, RelayToWidget } from '@parley/protocol';

export type BusEvent =
  /** Forward `frame` to every local subscriber except the socket it came from (`origin`). */
  | { kind: 'frame'; frame: RelayToWidget | RelayToConsole; origin?: string }
  /** Close this agent's sockets whose session is `sessionId`, or all but `keepSessionId`. */
  | { kind: 'sessions.ended'; sessionId?: string; keepSessionId?: string }
  /** Presence or business hours changed in the channel's workspace: re-evaluate its sites' availability. */
  | { kind: 'availability.check' };

const EVENT_KINDS = new Set<string>(['frame', 'sessions.ended', 'availability.check'] satisfies Array<BusEvent['kind']>);

/** What goes over the bus: the event and the node that published it. */
export interface BusEnvelope {
  node: string;
  event: BusEvent;
}

export function encodeEnvelope(node: string, event: BusEvent): string {
  return JSON.stringify({ node, event } satisfies BusEnvelope);
}

export function decodeEnvelope(payload: string): BusEnvelope | null {
  try {
    const envelope = JSON.parse(payload) as BusEnvelope;
    const kind = envelope?.event?.kind;
    return typeof envelope.node === 'string' && typeof kind === 'string' && EVENT_KINDS.has(kind) ? envelope : null;
  } catch {
    return null;
  }
}

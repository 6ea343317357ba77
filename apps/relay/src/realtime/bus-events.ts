/**
 * What relay nodes say to each other over the bus. Internal to the relay (clients never see these
 * envelopes): a frame to forward to sockets, or a control event a node acts on.
 */
import type { RelayToConsole, RelayToWidget } from '@parley/protocol';

export type BusEvent =
  /** Forward `frame` to every local subscriber except the socket it came from (`origin`). */
  | { kind: 'frame'; frame: RelayToWidget | RelayToConsole; origin?: string }
  /** Close this agent's sockets whose session is `sessionId`, or all but `keepSessionId`. */
  | { kind: 'sessions.ended'; sessionId?: string; keepSessionId?: string };

export function encodeBusEvent(event: BusEvent): string {
  return JSON.stringify(event);
}

export function decodeBusEvent(payload: string): BusEvent | null {
  try {
    const event = JSON.parse(payload) as BusEvent;
    return event && (event.kind === 'frame' || event.kind === 'sessions.ended') ? event : null;
  } catch {
    return null;
  }
}

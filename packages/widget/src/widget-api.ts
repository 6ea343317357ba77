import type { Message } from '@parley/protocol';

/** `Parley('identify', proof)`: the relay checks it (docs/widget.md) and answers a bad one with an error the widget warns about. */
export type IdentifyProof = { token: string } | { userId: string; userHash: string; name?: string; email?: string };
/** `Parley('set', {attributes})`: checked by the relay (keys, value types, sizes); null removes a key. */
export type Attributes = Record<string, string | number | boolean | null>;

/** What `Parley('on', event, fn)` listeners receive. */
export interface ApiEvents {
  open: undefined;
  close: undefined;
  /** A message that arrived live, from anyone (the visitor's other tabs included). */
  message: Message;
  /** Agent messages the visitor has not seen. */
  unread: number;
}
export type ApiEvent = keyof ApiEvents;
const EVENTS: readonly string[] = ['open', 'close', 'message', 'unread'] satisfies ApiEvent[];

/** What the commands act on: the chat element's visitor connection. */
export interface ApiTarget {
  identify(proof: IdentifyProof): void;
  setAttributes(attributes: Attributes): void;
  shutdown(): void;
}

/**
 * The `Parley('identify' | 'set' | 'on' | 'shutdown', ...)` commands once the widget is loaded,
 * and the events the page listens to. Only the argument's shape is checked here (the relay checks
 * the rest, with the same limits it stores with); nothing the page passes makes it throw, and a
 * listener that throws is reported, never rethrown.
 */
export class WidgetApi {
  private readonly listeners: Partial<Record<ApiEvent, Set<(detail: unknown) => void>>> = {};

  constructor(private readonly target: ApiTarget) {}

  run([command, arg, fn]: readonly unknown[]): void {
    const object = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : null;
    if (command === 'identify' && object) this.target.identify(object as IdentifyProof);
    else if (command === 'set' && typeof object?.attributes === 'object' && object.attributes) this.target.setAttributes(object.attributes as Attributes);
    else if (command === 'on' && EVENTS.includes(arg as string) && typeof fn === 'function') (this.listeners[arg as ApiEvent] ??= new Set()).add(fn as (detail: unknown) => void);
    else if (command === 'shutdown') this.target.shutdown();
    else warn(`bad arguments for ${String(command)}; see docs/widget.md.`);
  }

  emit<E extends ApiEvent>(event: E, detail: ApiEvents[E]): void {
    for (const listener of this.listeners[event] ?? []) {
      try {
        listener(detail);
      } catch (error) {
        warn(`an on('${event}') listener threw.`, error);
      }
    }
  }
}

function warn(...args: unknown[]): void {
  console.warn('Parley:', ...args);
}

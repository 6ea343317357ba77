/**
 * One node's local handlers per channel. Both buses keep theirs here, so fan-out, isolation of a
 * throwing handler and "is this the first / last handler of the channel" behave the same.
 */
import type { BusHandler } from './bus';
import type { BusLogger } from './bus-logger';

/** One subscribe() call; the same function subscribed twice is two subscriptions. */
export interface LocalSubscription {
  readonly channel: string;
  readonly handler: BusHandler;
}

export class ChannelRegistry {
  private readonly byChannel = new Map<string, Set<LocalSubscription>>();

  constructor(private readonly logger: BusLogger) {}

  /** `first` is true when the channel had no handler before (time to subscribe upstream). */
  add(channel: string, handler: BusHandler): { subscription: LocalSubscription; first: boolean } {
    const subscription: LocalSubscription = { channel, handler };
    let subscriptions = this.byChannel.get(channel);
    const first = !subscriptions;
    if (!subscriptions) this.byChannel.set(channel, (subscriptions = new Set()));
    subscriptions.add(subscription);
    return { subscription, first };
  }

  /** True when this removed the channel's last handler (time to unsubscribe upstream). */
  remove(subscription: LocalSubscription): boolean {
    const subscriptions = this.byChannel.get(subscription.channel);
    if (!subscriptions?.delete(subscription)) return false;
    if (subscriptions.size > 0) return false;
    this.byChannel.delete(subscription.channel);
    return true;
  }

  has(channel: string): boolean {
    return this.byChannel.has(channel);
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /**
   * Calls every handler of `channel`. A handler that throws (or returns a promise that rejects) is
   * logged and the others still run: one broken socket must not silence a conversation.
   */
  deliver(channel: string, payload: string): void {
    const subscriptions = this.byChannel.get(channel);
    if (!subscriptions) return;
    for (const subscription of [...subscriptions]) {
      // An earlier handler in this loop may have unsubscribed this one.
      if (!subscriptions.has(subscription)) continue;
      try {
        const result: unknown = subscription.handler(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.reportHandlerError(channel, error));
      } catch (error) {
        this.reportHandlerError(channel, error);
      }
    }
  }

  clear(): void {
    this.byChannel.clear();
  }

  private reportHandlerError(channel: string, error: unknown): void {
    this.logger.warn({ err: error, channel }, 'a bus handler failed; the other handlers still got the message');
  }
}

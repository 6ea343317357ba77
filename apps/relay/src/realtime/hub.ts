/**
 * One node's fan-out: which local sockets listen on which bus channel. A channel is subscribed
 * upstream once, however many local sockets join it, and dropped when the last one leaves.
 *
 * A publish is delivered to this node's own sockets directly and sent over the bus for the other
 * nodes, which is why events carry the publishing node's id: a node skips its own events coming
 * back from the bus. So a node keeps serving its own sockets while Redis is down, and a local
 * delivery costs no round trip through Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Bus, Unsubscribe } from '@parley/bus';
import { decodeEnvelope, encodeEnvelope, type BusEvent } from './bus-events';

export interface HubMember {
  readonly id: string;
  /** A bus event for this socket; `frameJson` is the frame serialised once for all members. */
  receive(event: BusEvent, frameJson: string | null): void;
}

interface ChannelEntry {
  members: Set<HubMember>;
  /** Settles when the upstream subscription is live, or known to have failed (then `pending`). */
  upstream: Promise<void>;
  unsubscribe: Unsubscribe | null;
}

export class Hub {
  /** This node's id in bus envelopes. */
  readonly nodeId = randomUUID();
  private readonly channelsByName = new Map<string, ChannelEntry>();
  private readonly channelsByMember = new Map<HubMember, Set<string>>();
  /** Channels whose upstream subscription failed (bus down); retried when the bus recovers. */
  private readonly pending = new Set<string>();
  private readonly recoveredListeners = new Set<() => void>();
  private readonly stopWatchingBus: () => void;

  constructor(
    private readonly bus: Bus,
    private readonly onError: (error: unknown, context: string) => void,
  ) {
    this.stopWatchingBus = bus.onRecovered(() => void this.recover());
  }

  /**
   * Adds a socket to a channel. Resolves once the bus delivers the channel to this node, so a
   * publish after it is seen — or, with the bus down, at once: local delivery works, and the
   * subscription is retried (and missed events replayed) when the bus is back.
   */
  async join(channel: string, member: HubMember): Promise<void> {
    let entry = this.channelsByName.get(channel);
    if (!entry) {
      const created: ChannelEntry = { members: new Set(), upstream: Promise.resolve(), unsubscribe: null };
      created.upstream = this.subscribeUpstream(channel, created);
      this.channelsByName.set(channel, (entry = created));
    }
    entry.members.add(member);
    let joined = this.channelsByMember.get(member);
    if (!joined) this.channelsByMember.set(member, (joined = new Set()));
    joined.add(channel);
    await entry.upstream;
  }

  leave(channel: string, member: HubMember): void {
    this.channelsByMember.get(member)?.delete(channel);
    const entry = this.channelsByName.get(channel);
    if (!entry || !entry.members.delete(member) || entry.members.size > 0) return;
    this.channelsByName.delete(channel);
    this.pending.delete(channel);
    entry.upstream
      .then(() => entry.unsubscribe?.())
      .catch((error) => this.onError(error, `unsubscribe ${channel}`));
  }

  leaveAll(member: HubMember): void {
    for (const channel of [...(this.channelsByMember.get(member) ?? [])]) this.leave(channel, member);
    this.channelsByMember.delete(member);
  }

  /**
   * Delivers to this node's sockets now, then to the other nodes through the bus. The promise
   * rejects when the bus is down: local delivery has happened, and the other nodes catch up
   * from Postgres when the bus recovers.
   */
  publish(channel: string, event: BusEvent): Promise<void> {
    const local = this.channelsByName.get(channel);
    if (local) this.dispatch(local.members, event);
    return this.bus.publish(channel, encodeEnvelope(this.nodeId, event));
  }

  /** Fires after a bus outage once every channel is subscribed again: time to replay from Postgres. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  close(): void {
    this.stopWatchingBus();
  }

  private async subscribeUpstream(channel: string, entry: ChannelEntry): Promise<void> {
    try {
      entry.unsubscribe = await this.bus.subscribe(channel, (payload) => {
        const envelope = decodeEnvelope(payload);
        if (envelope && envelope.node !== this.nodeId) this.dispatch(entry.members, envelope.event);
      });
      this.pending.delete(channel);
      // Everyone left while the subscription was on its way.
      if (this.channelsByName.get(channel) !== entry) await entry.unsubscribe();
    } catch (error) {
      this.onError(error, `subscribe ${channel}`);
      if (this.channelsByName.get(channel) === entry) this.pending.add(channel);
    }
  }

  private async recover(): Promise<void> {
    const retries = [...this.pending].map((channel) => {
      const entry = this.channelsByName.get(channel);
      if (!entry) return Promise.resolve();
      entry.upstream = this.subscribeUpstream(channel, entry);
      return entry.upstream;
    });
    await Promise.all(retries);
    for (const listener of this.recoveredListeners) {
      try {
        listener();
      } catch (error) {
        this.onError(error, 'recovered listener');
      }
    }
  }

  private dispatch(members: Set<HubMember>, event: BusEvent): void {
    const frameJson = event.kind === 'frame' ? JSON.stringify(event.frame) : null;
    for (const member of members) {
      if (event.kind === 'frame' && event.origin === member.id) continue;
      try {
        member.receive(event, frameJson);
      } catch (error) {
        this.onError(error, 'deliver');
      }
    }
  }
}

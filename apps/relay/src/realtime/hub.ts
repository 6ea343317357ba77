/**
 * One node's fan-out: which local sockets listen on which bus channel. A channel is subscribed
 * upstream once, however many local sockets join it, and dropped when the last one leaves.
 */
import type { Bus, Unsubscribe } from '@parley/bus';
import { decodeBusEvent, encodeBusEvent, type BusEvent } from './bus-events';

export interface HubMember {
  readonly id: string;
  /** A bus event for this socket, already decoded; `frameJson` is the frame serialised once for all members. */
  receive(event: BusEvent, frameJson: string | null): void;
}

interface ChannelEntry {
  members: Set<HubMember>;
  ready: Promise<Unsubscribe>;
}

export class Hub {
  private readonly channelsByName = new Map<string, ChannelEntry>();
  private readonly channelsByMember = new Map<HubMember, Set<string>>();

  constructor(
    private readonly bus: Bus,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** Resolves once the bus delivers the channel to this node, so a publish after it is seen. */
  async join(channel: string, member: HubMember): Promise<void> {
    let entry = this.channelsByName.get(channel);
    if (!entry) {
      const members = new Set<HubMember>();
      const ready = this.bus.subscribe(channel, (payload) => this.dispatch(members, payload));
      entry = { members, ready };
      this.channelsByName.set(channel, entry);
      ready.catch((error) => {
        this.onError(error, `subscribe ${channel}`);
        if (this.channelsByName.get(channel) === entry) this.channelsByName.delete(channel);
      });
    }
    entry.members.add(member);
    let joined = this.channelsByMember.get(member);
    if (!joined) this.channelsByMember.set(member, (joined = new Set()));
    joined.add(channel);
    await entry.ready;
  }

  leave(channel: string, member: HubMember): void {
    this.channelsByMember.get(member)?.delete(channel);
    const entry = this.channelsByName.get(channel);
    if (!entry || !entry.members.delete(member) || entry.members.size > 0) return;
    this.channelsByName.delete(channel);
    entry.ready.then((unsubscribe) => unsubscribe()).catch((error) => this.onError(error, `unsubscribe ${channel}`));
  }

  leaveAll(member: HubMember): void {
    for (const channel of [...(this.channelsByMember.get(member) ?? [])]) this.leave(channel, member);
    this.channelsByMember.delete(member);
  }

  publish(channel: string, event: BusEvent): Promise<void> {
    return this.bus.publish(channel, encodeBusEvent(event));
  }

  /** Sockets on this node, for catching up after a bus outage. */
  members(): HubMember[] {
    return [...this.channelsByMember.keys()];
  }

  private dispatch(members: Set<HubMember>, payload: string): void {
    const event = decodeBusEvent(payload);
    if (!event) return;
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

/**
 * Tells waiting visitors their place in line. Changes to a team's queue are coalesced per team
 * (many arrive at once when 200 visitors write together); then the team's queue is read once
 * and each visitor whose position changed gets `queue.updated`, and each that left the queue
 * gets `position: null`. Any node may send these; a repeated frame says the same thing.
 */
import { queuedTeamsOfVisitor, queueEntries, recentWaitsMs, type Db } from '@parley/db';
import type { QueueUpdated } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';
import { estimateWaitSeconds } from './wait-estimate';

/** How many recent pick-up times the estimate uses. */
const RECENT_WAITS = 20;

interface Sent {
  visitorId: string;
  position: number;
}

export class QueueNotifier {
  /** Per team key: conversationId -> what its visitor was last told by this node. */
  private readonly sent = new Map<string, Map<string, Sent>>();
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly log: FastifyBaseLogger,
    private readonly delayMs = 25,
  ) {}

  /** The team's queue changed: tell its visitors soon. */
  teamChanged(workspaceId: string, teamId: string): void {
    const key = `${workspaceId}:${teamId}`;
    if (this.closed || this.scheduled.has(key)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(key);
      const previous = this.running.get(key) ?? Promise.resolve();
      const run = previous
        .then(() => this.notify(workspaceId, teamId, key))
        .catch((error) => this.log.warn({ err: error, teamId }, 'queue positions not sent'));
      this.running.set(key, run);
      void run.finally(() => {
        if (this.running.get(key) === run) this.running.delete(key);
      });
    }, this.delayMs);
    timer.unref();
    this.scheduled.set(key, timer);
  }

  /** The visitor's place in the queues their conversations wait in, for a (re)connecting socket. */
  async positionsFor(workspaceId: string, visitorId: string): Promise<QueueUpdated[]> {
    const frames: QueueUpdated[] = [];
    for (const teamId of await queuedTeamsOfVisitor(this.db, workspaceId, visitorId)) {
      const entries = await queueEntries(this.db, workspaceId, teamId);
      const mine = entries.filter((entry) => entry.visitorId === visitorId);
      if (mine.length === 0) continue;
      const waits = await recentWaitsMs(this.db, workspaceId, teamId, RECENT_WAITS);
      for (const entry of mine) {
        frames.push({
          type: 'queue.updated',
          conversationId: entry.conversationId,
          position: entry.position,
          estimatedWaitSeconds: estimateWaitSeconds(waits, entry.position),
        });
      }
    }
    return frames;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  private async notify(workspaceId: string, teamId: string, key: string): Promise<void> {
    const entries = await queueEntries(this.db, workspaceId, teamId);
    const waits = entries.length > 0 ? await recentWaitsMs(this.db, workspaceId, teamId, RECENT_WAITS) : [];
    const before = this.sent.get(key) ?? new Map<string, Sent>();
    const now = new Map<string, Sent>();
    const publishes: Array<Promise<void>> = [];
    for (const entry of entries) {
      now.set(entry.conversationId, { visitorId: entry.visitorId, position: entry.position });
      if (before.get(entry.conversationId)?.position === entry.position) continue;
      publishes.push(
        this.publish(workspaceId, entry.visitorId, entry.conversationId, entry.position, estimateWaitSeconds(waits, entry.position)),
      );
    }
    for (const [conversationId, left] of before) {
      if (!now.has(conversationId)) publishes.push(this.publish(workspaceId, left.visitorId, conversationId, null, null));
    }
    if (now.size > 0) this.sent.set(key, now);
    else this.sent.delete(key);
    await Promise.all(publishes);
  }

  /** Also used directly when a conversation leaves the queue on this node (assigned, closed). */
  publish(workspaceId: string, visitorId: string, conversationId: string, position: number | null, estimatedWaitSeconds: number | null): Promise<void> {
    return this.hub
      .publish(channels.visitor(workspaceId, visitorId), {
        kind: 'frame',
        frame: { type: 'queue.updated', conversationId, position, estimatedWaitSeconds },
      })
      .catch((error) => this.log.debug({ err: error }, 'queue.updated publish failed'));
  }
}

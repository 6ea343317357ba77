/**
 * Availability of each site to its visitors, kept live on the widgets this node holds.
 *
 * Available = within the site's business hours (or hours off) AND at least one agent of the
 * workspace `online` by routing's presence (away and offline agents do not count: nobody would
 * answer soon). Agents are workspace-wide here, not per team: a site's visitors reach its
 * workspace's default team unless they pick one, and any online agent can claim from any queue.
 *
 * A widget gets `availability.changed` after its welcome and whenever the value changes: at once
 * when presence changes or an admin saves the hours, on any node (`announce` goes over the bus to
 * every node watching a site of the workspace), and otherwise on the periodic check (the clock
 * crossing an opening time, an announcement lost while Redis was away).
 *
 * The same registry tells which visitors have a socket here: the email follow-up asks whether a
 * visitor saw a reply live, so this node marks them seen periodically and when they leave.
 */
import { getBusinessHours, markVisitorsSeen, type Db } from '@parley/db';
import type { Availability, AvailabilityChanged } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { channels } from '../realtime/channels';
import type { Hub, HubMember } from '../realtime/hub';
import { closedReason } from './schedule';

export interface AvailabilityWatcher {
  visitorId: string;
  send(frame: AvailabilityChanged): void;
}

interface WatchedSite {
  workspaceId: string;
  watchers: Set<AvailabilityWatcher>;
  /** The value last sent to this site's watchers, as JSON. */
  last: string | null;
}

export interface AvailabilityOptions {
  /** How often every watched site is re-evaluated, in ms. */
  checkMs: number;
  /** How often the visitors connected here are marked seen, in ms. */
  seenEveryMs: number;
  emailFollowUp: boolean;
}

export class AvailabilityService {
  private readonly sites = new Map<string, WatchedSite>();
  /** This node's listener on each workspace's availability channel, while it watches a site of it. */
  private readonly listeners = new Map<string, HubMember>();
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly anyoneOnline: (workspaceId: string) => Promise<boolean>,
    private readonly options: AvailabilityOptions,
    private readonly log: FastifyBaseLogger,
    private readonly hub: Hub,
  ) {}

  start(): void {
    const check = setInterval(() => void this.refreshAll(), this.options.checkMs);
    const seen = setInterval(() => void this.markSeen(), this.options.seenEveryMs);
    check.unref();
    seen.unref();
    this.timers = [check, seen];
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const listener of this.listeners.values()) this.hub.leaveAll(listener);
    this.listeners.clear();
    this.sites.clear();
  }

  /** The site's availability at `now`. */
  async current(workspaceId: string, siteId: string, now = new Date()): Promise<Availability> {
    const hours = await getBusinessHours(this.db, workspaceId, siteId);
    const base = { offlineBehaviour: hours.offlineBehaviour, emailFollowUp: this.options.emailFollowUp };
    const closed = closedReason(hours, now);
    if (closed) return { available: false, reason: closed, ...base };
    if (!(await this.anyoneOnline(workspaceId))) return { available: false, reason: 'no_agents', ...base };
    return { available: true, reason: null, ...base };
  }

  /** Sends the current value to a new watcher and keeps it informed until the returned function is called. */
  async watch(workspaceId: string, siteId: string, watcher: AvailabilityWatcher): Promise<() => void> {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = { workspaceId, watchers: new Set(), last: null }));
    this.listen(workspaceId);
    site.watchers.add(watcher);
    const availability = await this.current(workspaceId, siteId);
    watcher.send({ type: 'availability.changed', ...availability });
    const json = JSON.stringify(availability);
    // The first watcher sets what the site's widgets were told; a newer value than the others were told reaches them all.
    if (site.last === null) site.last = json;
    else if (site.last !== json) void this.refresh(siteId, site);
    return () => this.unwatch(siteId, watcher);
  }

  /** Whether this node holds a socket of the visitor. */
  hasVisitor(visitorId: string): boolean {
    for (const site of this.sites.values()) for (const watcher of site.watchers) if (watcher.visitorId === visitorId) return true;
    return false;
  }

  /**
   * Presence or hours changed in a workspace: every node (this one included, through the hub's
   * local delivery) re-evaluates the sites it watches there.
   */
  announce(workspaceId: string): void {
    this.hub
      .publish(channels.availability(workspaceId), { kind: 'availability.check' })
      .catch((error) => this.log.warn({ err: error }, 'availability.check not published; other nodes see it at their next check'));
  }

  /** Re-evaluates the workspace's sites watched here. */
  refreshWorkspace(workspaceId: string): void {
    for (const [siteId, site] of this.sites) if (site.workspaceId === workspaceId) void this.refresh(siteId, site);
  }

  /** The site's hours changed. */
  refreshSite(siteId: string): Promise<void> {
    const site = this.sites.get(siteId);
    return site ? this.refresh(siteId, site) : Promise.resolve();
  }

  private refreshAll(): Promise<unknown> {
    return Promise.all([...this.sites].map(([siteId, site]) => this.refresh(siteId, site)));
  }

  private async refresh(siteId: string, site: WatchedSite): Promise<void> {
    if (this.closed) return;
    try {
      const availability = await this.current(site.workspaceId, siteId);
      const json = JSON.stringify(availability);
      if (json === site.last) return;
      site.last = json;
      const frame: AvailabilityChanged = { type: 'availability.changed', ...availability };
      for (const watcher of site.watchers) watcher.send(frame);
    } catch (error) {
      this.log.warn({ err: error, siteId }, 'availability check failed; the next check retries');
    }
  }

  private unwatch(siteId: string, watcher: AvailabilityWatcher): void {
    const site = this.sites.get(siteId);
    if (!site) return;
    site.watchers.delete(watcher);
    if (site.watchers.size === 0) {
      this.sites.delete(siteId);
      this.stopListening(site.workspaceId);
    }
    // Gone from here: note when, so a reply after this moment counts as not seen live.
    if (!this.hasVisitor(watcher.visitorId)) void this.seen(site.workspaceId, [watcher.visitorId]);
  }

  private listen(workspaceId: string): void {
    if (this.listeners.has(workspaceId)) return;
    const listener: HubMember = {
      id: `availability:${workspaceId}`,
      receive: (event) => {
        if (event.kind === 'availability.check') this.refreshWorkspace(workspaceId);
      },
    };
    this.listeners.set(workspaceId, listener);
    // Without the bus this node still hears its own announcements; the periodic check covers the rest.
    void this.hub.join(channels.availability(workspaceId), listener);
  }

  private stopListening(workspaceId: string): void {
    for (const site of this.sites.values()) if (site.workspaceId === workspaceId) return;
    const listener = this.listeners.get(workspaceId);
    if (!listener) return;
    this.listeners.delete(workspaceId);
    this.hub.leaveAll(listener);
  }

  private markSeen(): Promise<unknown> {
    const byWorkspace = new Map<string, Set<string>>();
    for (const site of this.sites.values()) {
      let ids = byWorkspace.get(site.workspaceId);
      if (!ids) byWorkspace.set(site.workspaceId, (ids = new Set()));
      for (const watcher of site.watchers) ids.add(watcher.visitorId);
    }
    return Promise.all([...byWorkspace].map(([workspaceId, ids]) => this.seen(workspaceId, [...ids])));
  }

  private async seen(workspaceId: string, visitorIds: string[]): Promise<void> {
    if (this.closed) return;
    await markVisitorsSeen(this.db, workspaceId, visitorIds, new Date()).catch((error) => this.log.warn({ err: error }, 'marking visitors seen failed'));
  }
}

/**
 * The site as its widget sees it, and telling the site's open widgets when that changes.
 * A widget socket joins its site's channel at hello (visitor-connection.ts), so a publish here
 * reaches every tab on every node.
 */
import { siteVisitorTeams, toSitePublic, type Db, type SiteRecord } from '@parley/db';
import type { LauncherConfig, SitePublic } from '@parley/protocol';
import { launcherConfig } from '@parley/widget';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';

/** `welcome.site` and `site.updated.site`: with the teams its visitors may pick (routing), when there are any. */
export async function widgetSiteOf(db: Db, site: SiteRecord): Promise<SitePublic> {
  const teams = await siteVisitorTeams(db, site.workspaceId, site.id);
  return { ...toSitePublic(site), ...(teams.length > 0 ? { teams } : {}) };
}

/** The bubble's settings ready to apply (`GET /v1/widget/config`, `site.updated.launcher`). */
export function launcherConfigOf(site: SiteRecord): LauncherConfig {
  return launcherConfig(toSitePublic(site));
}

/**
 * Pushes the site to its open widgets. The change is committed already: with the bus down, this
 * node's widgets still get it and the others see it at their next hello.
 */
export async function announceSiteUpdated(db: Db, hub: Hub, site: SiteRecord): Promise<void> {
  const frame = { type: 'site.updated' as const, site: await widgetSiteOf(db, site), launcher: launcherConfigOf(site) };
  await hub.publish(channels.site(site.workspaceId, site.id), { kind: 'frame', frame });
}

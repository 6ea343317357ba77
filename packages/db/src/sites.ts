import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { SitePublic, SiteSettings, SiteSettingsPatch, WidgetSettings } from '@parley/protocol';
import type { Db } from './open-db';
import { sites } from './schema';

/** A site as the server knows it, secret included. Never send it to a client: use toSitePublic. */
export interface SiteRecord {
  id: string;
  workspaceId: string;
  name: string;
  publicKey: string;
  secret: string;
  allowedOrigins: string[];
  greeting: string;
  color: string;
  widget: WidgetSettings;
}

type SiteRow = typeof sites.$inferSelect;

function toSiteRecord(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    publicKey: row.publicKey,
    secret: row.secret,
    allowedOrigins: row.allowedOrigins,
    greeting: row.greeting,
    color: row.color,
    widget: {
      position: row.position,
      offsetX: row.offsetX,
      offsetY: row.offsetY,
      zIndex: row.zIndex,
      launcherLabel: row.launcherLabel,
      prechat: { name: row.prechatName, email: row.prechatEmail },
      language: row.language,
    },
  };
}

/** `pk_` and 24 url-safe characters (18 random bytes): unguessable, short enough for a snippet. */
function newPublicKey(): string {
  return `pk_${randomBytes(18).toString('base64url')}`;
}

export async function createSite(
  db: Db,
  workspaceId: string,
  input: { name: string; allowedOrigins: string[]; greeting?: string; color?: string },
): Promise<SiteRecord> {
  const [row] = await db
    .insert(sites)
    .values({
      workspaceId,
      name: input.name,
      publicKey: newPublicKey(),
      secret: randomBytes(32).toString('hex'),
      allowedOrigins: input.allowedOrigins,
      ...(input.greeting === undefined ? {} : { greeting: input.greeting }),
      ...(input.color === undefined ? {} : { color: input.color }),
    })
    .returning();
  if (!row) throw new Error('insert into sites returned no row');
  return toSiteRecord(row);
}

/**
 * The one lookup not scoped by workspace: the public key is how a widget connection arrives,
 * before anyone knows the workspace. The site found decides the workspace from here on.
 */
export async function findSiteByPublicKey(db: Db, publicKey: string): Promise<SiteRecord | null> {
  const [row] = await db.select().from(sites).where(eq(sites.publicKey, publicKey));
  return row ? toSiteRecord(row) : null;
}

export async function getSite(db: Db, workspaceId: string, siteId: string): Promise<SiteRecord | null> {
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)));
  return row ? toSiteRecord(row) : null;
}

/** The workspace's sites, oldest first. */
export async function listSites(db: Db, workspaceId: string): Promise<SiteRecord[]> {
  const rows = await db
    .select()
    .from(sites)
    .where(eq(sites.workspaceId, workspaceId))
    .orderBy(asc(sites.createdAt), asc(sites.id));
  return rows.map(toSiteRecord);
}

export async function setSiteAllowedOrigins(
  db: Db,
  workspaceId: string,
  siteId: string,
  origins: string[],
): Promise<SiteRecord | null> {
  const [row] = await db
    .update(sites)
    .set({ allowedOrigins: origins })
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)))
    .returning();
  return row ? toSiteRecord(row) : null;
}

/**
 * Changes what the patch names, nothing else. Null when the site is not in the workspace.
 * Callers validate the origins (the protocol's originProblem) first.
 */
export async function updateSiteSettings(
  db: Db,
  workspaceId: string,
  siteId: string,
  patch: SiteSettingsPatch,
): Promise<SiteRecord | null> {
  const { widget = {}, ...site } = patch;
  const values: Partial<typeof sites.$inferInsert> = {
    ...site,
    ...(widget.position === undefined ? {} : { position: widget.position }),
    ...(widget.offsetX === undefined ? {} : { offsetX: widget.offsetX }),
    ...(widget.offsetY === undefined ? {} : { offsetY: widget.offsetY }),
    ...(widget.zIndex === undefined ? {} : { zIndex: widget.zIndex }),
    ...(widget.launcherLabel === undefined ? {} : { launcherLabel: widget.launcherLabel }),
    ...(widget.prechat === undefined ? {} : { prechatName: widget.prechat.name, prechatEmail: widget.prechat.email }),
    ...(widget.language === undefined ? {} : { language: widget.language }),
  };
  const scope = and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId));
  // An empty patch changes nothing but still answers with the site (or null for a foreign one).
  const [row] =
    Object.keys(values).length === 0
      ? await db.select().from(sites).where(scope)
      : await db.update(sites).set(values).where(scope).returning();
  return row ? toSiteRecord(row) : null;
}

/** What the widget may see: no secret, no allowed origins. */
export function toSitePublic(site: SiteRecord): SitePublic {
  return { name: site.name, greeting: site.greeting, color: site.color, widget: site.widget };
}

/** What the site's admins see in the console: no secret. */
export function toSiteSettings(site: SiteRecord): SiteSettings {
  const { id, name, publicKey, greeting, color, allowedOrigins, widget } = site;
  return { id, name, publicKey, greeting, color, allowedOrigins, widget };
}

import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { SitePublic } from '@parley/protocol';
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

/** What the widget may see: no secret, no allowed origins. */
export function toSitePublic(site: SiteRecord): SitePublic {
  return { name: site.name, greeting: site.greeting, color: site.color };
}

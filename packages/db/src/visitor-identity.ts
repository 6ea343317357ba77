/**
 * Identified visitors and custom attributes. A visitor row is keyed by site + the site's own
 * user id once a signed identify proved it, so the same person on another device finds the same
 * row (and with it their conversations).
 *
 * An anonymous visitor who identifies keeps what they started: the first time a user id is seen
 * on a site the anonymous row itself becomes the identified one; when the user id already has a
 * row, the anonymous visitor's conversations and page views move to it (a merge), and the empty
 * anonymous row is left behind. An identified visitor is never merged into another user.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './open-db';
import { conversations, sites, visitorPages, visitors } from './schema';

export type AttributeValue = string | number | boolean;

export interface IdentifyInput {
  workspaceId: string;
  siteId: string;
  /** The visitor the socket acted for until now. */
  currentVisitorId: string;
  externalId: string;
  /** Omitted: keep what the row has. */
  name?: string | undefined;
  email?: string | undefined;
}

export interface IdentifiedVisitor {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  /** Whether an anonymous visitor's conversations moved to (or became) this visitor. */
  merged: boolean;
}

const UNIQUE_VIOLATION = '23505';

export async function identifyVisitor(db: Db, input: IdentifyInput): Promise<IdentifiedVisitor> {
  // Two tabs identifying the same new user at once race for the unique (site, external id): the
  // loser tries again and finds the winner's row.
  for (let attempt = 0; ; attempt++) {
    try {
      return await identifyOnce(db, input);
    } catch (error) {
      if (attempt > 0 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function identifyOnce(db: Db, input: IdentifyInput): Promise<IdentifiedVisitor> {
  const { workspaceId, siteId, currentVisitorId, externalId } = input;
  const details = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.email === undefined ? {} : { email: input.email }),
  };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: visitors.id, externalId: visitors.externalId, attributes: visitors.attributes })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.siteId, siteId), eq(visitors.id, currentVisitorId)))
      .for('update');
    const anonymous = current && current.externalId === null ? current : null;
    const [known] = await tx
      .select({ id: visitors.id, attributes: visitors.attributes })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.siteId, siteId), eq(visitors.externalId, externalId)))
      .for('update');

    let id: string;
    let merged = false;
    if (known) {
      id = known.id;
      if (anonymous && anonymous.id !== known.id) {
        await tx
          .update(conversations)
          .set({ visitorId: known.id })
          .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.visitorId, anonymous.id)));
        await tx
          .update(visitorPages)
          .set({ visitorId: known.id })
          .where(and(eq(visitorPages.workspaceId, workspaceId), eq(visitorPages.visitorId, anonymous.id)));
        // What the page set while anonymous is newer than what the identified row remembers.
        await tx
          .update(visitors)
          .set({ attributes: { ...known.attributes, ...anonymous.attributes } })
          .where(eq(visitors.id, known.id));
        merged = true;
      }
    } else if (anonymous) {
      id = anonymous.id;
      await tx
        .update(visitors)
        .set({ externalId })
        .where(and(eq(visitors.id, anonymous.id), isNull(visitors.externalId)));
      merged = true;
    } else {
      const [row] = await tx.insert(visitors).values({ workspaceId, siteId, externalId }).returning({ id: visitors.id });
      if (!row) throw new Error('insert into visitors returned no row');
      id = row.id;
    }
    const [row] = await tx
      .update(visitors)
      .set({ ...details, lastSeenAt: new Date() })
      .where(eq(visitors.id, id))
      .returning({ id: visitors.id, externalId: visitors.externalId, name: visitors.name, email: visitors.email });
    if (!row?.externalId) throw new Error(`visitor ${id} lost its external id`);
    return { id: row.id, externalId: row.externalId, name: row.name, email: row.email, merged };
  });
}

/**
 * Merges `changes` into the visitor's attributes (a null value removes the key). Returns the
 * attributes after the change; `too_many` when the result would exceed `maxAttributes`, and null
 * when no such visitor is in the workspace.
 */
export async function setVisitorAttributes(
  db: Db,
  workspaceId: string,
  visitorId: string,
  changes: Record<string, AttributeValue | null>,
  maxAttributes: number,
): Promise<Record<string, AttributeValue> | 'too_many' | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ attributes: visitors.attributes })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)))
      .for('update');
    if (!row) return null;
    const next: Record<string, AttributeValue> = { ...row.attributes };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    if (Object.keys(next).length > maxAttributes) return 'too_many';
    await tx.update(visitors).set({ attributes: next }).where(eq(visitors.id, visitorId));
    return next;
  });
}

/** A new identity secret for the site (rotation): identify tokens signed with the old one stop working. */
export async function rotateSiteSecret(db: Db, workspaceId: string, siteId: string): Promise<string | null> {
  const secret = randomBytes(32).toString('hex');
  const [row] = await db
    .update(sites)
    .set({ secret })
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)))
    .returning({ secret: sites.secret });
  return row?.secret ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

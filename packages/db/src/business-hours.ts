/** A site's business hours and offline behaviour: one row per site, absent until an admin saves them. */
import { and, eq } from 'drizzle-orm';
import type { BusinessHours } from '@parley/protocol';
import type { Db } from './open-db';
import { siteBusinessHours, sites } from './schema';

/**
 * What a site without saved hours gets: always within hours, and when nobody is online the widget
 * says so but keeps the ordinary composer (messages queue as usual). Asking for an email is the
 * site owner's choice, so an install keeps working as before until they make it.
 */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { enabled: false, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'notice' };

export async function getBusinessHours(db: Db, workspaceId: string, siteId: string): Promise<BusinessHours> {
  const [row] = await db
    .select()
    .from(siteBusinessHours)
    .where(and(eq(siteBusinessHours.workspaceId, workspaceId), eq(siteBusinessHours.siteId, siteId)));
  if (!row) return DEFAULT_BUSINESS_HOURS;
  return { enabled: row.enabled, timeZone: row.timeZone, weekly: row.weekly, holidays: row.holidays, offlineBehaviour: row.offlineBehaviour };
}

/** Replaces the site's hours. Null when the site is not in the workspace. */
export async function setBusinessHours(db: Db, workspaceId: string, siteId: string, hours: BusinessHours): Promise<BusinessHours | null> {
  const [site] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.workspaceId, workspaceId), eq(sites.id, siteId)));
  if (!site) return null;
  const values = {
    enabled: hours.enabled,
    timeZone: hours.timeZone,
    weekly: hours.weekly.map(({ day, start, end }) => ({ day, start, end })),
    holidays: [...new Set(hours.holidays)].sort(),
    offlineBehaviour: hours.offlineBehaviour,
    updatedAt: new Date(),
  };
  await db
    .insert(siteBusinessHours)
    .values({ siteId, workspaceId, ...values })
    .onConflictDoUpdate({ target: siteBusinessHours.siteId, set: values });
  return getBusinessHours(db, workspaceId, siteId);
}

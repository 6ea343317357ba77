/**
 * The tenant a benchmark talks to, written into a fresh database before any relay starts, with
 * the relay's own test seed (`seedWorkspace`): a workspace, a site that allows the "customer page"
 * origin http://site-a.example, and an agent who signs in over REST.
 */
import { openDb } from '@parley/db';
import { seedWorkspace, type SeededWorkspace } from '@parley/relay/testing/relay-harness';

export const SITE_ORIGIN = 'http://site-a.example';

export type SeededTenant = SeededWorkspace;

export async function seedTenant(url: string): Promise<SeededTenant> {
  const database = await openDb({ url });
  try {
    const tenant = await seedWorkspace(database, 'a');
    if (tenant.origin !== SITE_ORIGIN) throw new Error(`the seed's site allows ${tenant.origin}, the bench expects ${SITE_ORIGIN}`);
    return tenant;
  } finally {
    await database.close();
  }
}

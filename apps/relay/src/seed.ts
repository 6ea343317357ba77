/**
 * First start: a workspace, one site and one admin agent, so Parley works out of the box.
 * Later starts keep everything; they only make sure the demo page's origin is allowed and, when
 * PARLEY_ADMIN_PASSWORD is set, that it is the admin's password.
 */
import { randomBytes } from 'node:crypto';
import {
  countWorkspaces,
  createAgent,
  createSite,
  createWorkspace,
  findAgentByEmail,
  listSites,
  listWorkspaces,
  setAgentPassword,
  setSiteAllowedOrigins,
  type Db,
} from '@parley/db';
import { hashPassword, verifyPassword } from './auth/passwords';

export interface SeedOptions {
  adminEmail: string;
  adminPassword: string | undefined;
  /** Origins the demo host page is served from; added to the first site's allowed origins. */
  demoOrigins: string[];
}

export interface SeedResult {
  siteKey: string;
  adminEmail: string;
  /** Set only on the start that generated it: it is printed once and never stored in clear. */
  generatedPassword: string | null;
  createdWorkspace: boolean;
}

export const DEMO_GREETING = 'Hi! Ask us anything — we usually answer within a few minutes.';

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  const adminEmail = options.adminEmail.toLowerCase();
  if ((await countWorkspaces(db)) === 0) {
    const workspace = await createWorkspace(db, { name: 'Demo workspace' });
    const site = await createSite(db, workspace.id, {
      name: 'Acme Outdoor',
      allowedOrigins: options.demoOrigins,
      greeting: DEMO_GREETING,
    });
    const generatedPassword = options.adminPassword ? null : randomBytes(12).toString('base64url');
    await createAgent(db, workspace.id, {
      email: adminEmail,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(options.adminPassword ?? generatedPassword!),
    });
    return { siteKey: site.publicKey, adminEmail, generatedPassword, createdWorkspace: true };
  }

  const [workspace] = await listWorkspaces(db);
  let generatedPassword: string | null = null;
  const admin = await findAgentByEmail(db, adminEmail);
  if (!admin) {
    generatedPassword = options.adminPassword ? null : randomBytes(12).toString('base64url');
    await createAgent(db, workspace!.id, {
      email: adminEmail,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(options.adminPassword ?? generatedPassword!),
    });
  } else if (options.adminPassword && !(await verifyPassword(admin.passwordHash, options.adminPassword))) {
    await setAgentPassword(db, admin.workspaceId, admin.id, await hashPassword(options.adminPassword));
  }
  const workspaceId = admin?.workspaceId ?? workspace!.id;
  let [site] = await listSites(db, workspaceId);
  if (!site) {
    site = await createSite(db, workspaceId, { name: 'Acme Outdoor', allowedOrigins: options.demoOrigins, greeting: DEMO_GREETING });
  }
  const missing = options.demoOrigins.filter((origin) => !site.allowedOrigins.includes(origin));
  if (missing.length > 0) await setSiteAllowedOrigins(db, workspaceId, site.id, [...site.allowedOrigins, ...missing]);
  return { siteKey: site.publicKey, adminEmail, generatedPassword, createdWorkspace: false };
}

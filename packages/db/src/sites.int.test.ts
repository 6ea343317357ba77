import { randomUUID } from 'node:crypto';
import { DEFAULT_WIDGET_SETTINGS } from '@parley/protocol';
import { expect, it } from 'vitest';
import { createSite, findSiteByPublicKey, getSite, listSites, setSiteAllowedOrigins, toSitePublic } from './sites';
import { createVisitor, getVisitor, touchVisitor } from './visitors';
import { countWorkspaces, createWorkspace, listWorkspaces } from './workspaces';
import { describeEachBackend } from './testing/each-backend';

describeEachBackend('workspaces, sites and visitors', (database) => {
  const db = () => database().db;

  it('counts and lists workspaces oldest first', async () => {
    const before = await countWorkspaces(db());
    const created = await createWorkspace(db(), { name: 'Counted' });
    expect(await countWorkspaces(db())).toBe(before + 1);
    const listed = await listWorkspaces(db());
    expect(listed).toHaveLength(before + 1);
    expect(listed).toContainEqual(created);
    const times = listed.map((w) => w.createdAt);
    expect(times).toEqual([...times].sort());
  });

  it('creates a site with a public key, a secret and defaults', async () => {
    const workspace = await createWorkspace(db(), { name: 'W' });
    const site = await createSite(db(), workspace.id, { name: 'Shop', allowedOrigins: ['https://shop.example'] });
    expect(site.publicKey).toMatch(/^pk_[A-Za-z0-9_-]{24}$/);
    expect(site.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(site).toMatchObject({ workspaceId: workspace.id, name: 'Shop', allowedOrigins: ['https://shop.example'], color: '#4f46e5' });
    expect(toSitePublic(site)).toEqual({ name: 'Shop', greeting: site.greeting, color: '#4f46e5', widget: DEFAULT_WIDGET_SETTINGS });

    const themed = await createSite(db(), workspace.id, { name: 'Blog', allowedOrigins: [], greeting: 'Yo', color: '#000000' });
    expect(toSitePublic(themed)).toEqual({ name: 'Blog', greeting: 'Yo', color: '#000000', widget: DEFAULT_WIDGET_SETTINGS });
    expect(themed.publicKey).not.toBe(site.publicKey);
    const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
    expect((await listSites(db(), workspace.id)).sort(byId)).toEqual([site, themed].sort(byId));
  });

  it('finds a site by its public key, and by id only within its workspace', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const site = await createSite(db(), a.id, { name: 'A site', allowedOrigins: ['https://a.example'] });
    expect(await findSiteByPublicKey(db(), site.publicKey)).toEqual(site);
    expect(await findSiteByPublicKey(db(), 'pk_unknown')).toBeNull();
    expect(await getSite(db(), a.id, site.id)).toEqual(site);
    expect(await getSite(db(), b.id, site.id)).toBeNull();
    expect(await listSites(db(), b.id)).toEqual([]);
  });

  it('changes allowed origins only within the workspace', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const site = await createSite(db(), a.id, { name: 'A site', allowedOrigins: ['https://a.example'] });
    expect(await setSiteAllowedOrigins(db(), b.id, site.id, ['https://evil.example'])).toBeNull();
    const updated = await setSiteAllowedOrigins(db(), a.id, site.id, ['https://a.example', 'http://localhost:3000']);
    expect(updated?.allowedOrigins).toEqual(['https://a.example', 'http://localhost:3000']);
    expect((await getSite(db(), a.id, site.id))?.allowedOrigins).toEqual(updated?.allowedOrigins);
  });

  it('creates, reads and touches visitors within their workspace', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const site = await createSite(db(), a.id, { name: 'A site', allowedOrigins: [] });
    const visitor = await createVisitor(db(), a.id, site.id);
    expect(visitor).toEqual({ id: expect.any(String), workspaceId: a.id, siteId: site.id, name: null, email: null });
    expect(await getVisitor(db(), a.id, visitor.id)).toEqual(visitor);
    expect(await getVisitor(db(), b.id, visitor.id)).toBeNull();
    expect(await touchVisitor(db(), a.id, visitor.id)).toBe(true);
    expect(await touchVisitor(db(), b.id, visitor.id)).toBe(false);
    expect(await touchVisitor(db(), a.id, randomUUID())).toBe(false);
    await expect(createVisitor(db(), b.id, site.id)).rejects.toThrow(/not in workspace/);
  });
});

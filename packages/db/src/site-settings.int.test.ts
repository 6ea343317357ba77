import { DEFAULT_WIDGET_SETTINGS } from '@parley/protocol';
import { expect, it } from 'vitest';
import { createSite, getSite, toSiteSettings, updateSiteSettings } from './sites';
import { describeEachBackend } from './testing/each-backend';
import { setVisitorDetails } from './visitor-details';
import { createVisitor, getVisitor } from './visitors';
import { createWorkspace } from './workspaces';

describeEachBackend('site settings and pre-chat details', (database) => {
  const db = () => database().db;

  it('changes only what the patch names, only within the workspace', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const site = await createSite(db(), a.id, { name: 'Shop', allowedOrigins: ['https://shop.example'] });
    expect(site.widget).toEqual(DEFAULT_WIDGET_SETTINGS);

    expect(await updateSiteSettings(db(), b.id, site.id, { color: '#000000' })).toBeNull();
    const updated = await updateSiteSettings(db(), a.id, site.id, {
      color: '#0f766e',
      widget: { position: 'left', offsetY: 48, prechat: { name: 'optional', email: 'required' }, language: 'ar' },
    });
    expect(updated).toEqual({
      ...site,
      color: '#0f766e',
      widget: { ...DEFAULT_WIDGET_SETTINGS, position: 'left', offsetY: 48, prechat: { name: 'optional', email: 'required' }, language: 'ar' },
    });
    expect(await getSite(db(), a.id, site.id)).toEqual(updated);
    expect(await updateSiteSettings(db(), a.id, site.id, {})).toEqual(updated);
    expect(JSON.stringify(toSiteSettings(updated!))).not.toContain(site.secret);
  });

  it('stores pre-chat details on the visitor, keeping a field that is not given', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const site = await createSite(db(), a.id, { name: 'Shop', allowedOrigins: [] });
    const visitor = await createVisitor(db(), a.id, site.id);
    expect(await setVisitorDetails(db(), b.id, visitor.id, { name: 'Mallory' })).toBeNull();
    await setVisitorDetails(db(), a.id, visitor.id, { name: ' Grace ', email: 'grace@example.com' });
    await setVisitorDetails(db(), a.id, visitor.id, { email: 'hopper@example.com' });
    expect(await getVisitor(db(), a.id, visitor.id)).toMatchObject({ name: 'Grace', email: 'hopper@example.com' });
  });
});

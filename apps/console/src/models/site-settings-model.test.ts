import type { SiteSettings } from '@parley/protocol';
import { fixtureUuid } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createSiteSettingsApi } from './site-settings-api';
import { contrastOf, draftOf, patchOf, validateDraft } from './site-settings-form';
import { createSiteSettingsModel } from './site-settings-model';

const site: SiteSettings = {
  id: fixtureUuid(1),
  name: 'Acme',
  publicKey: 'pk_abc',
  greeting: 'Hi!',
  color: '#4f46e5',
  allowedOrigins: ['https://shop.example.com'],
  widget: { position: 'right', offsetX: 20, offsetY: 20, zIndex: 2147483000, launcherLabel: '', prechat: { name: 'off', email: 'off' }, language: 'auto' },
};

describe('the site settings form', () => {
  it('finds nothing wrong with a saved site, and nothing to save', () => {
    expect(validateDraft(draftOf(site))).toEqual({});
    expect(patchOf(site, draftOf(site))).toEqual({});
  });

  it('names each bad field as the relay would', () => {
    const draft = draftOf(site);
    draft.color = 'indigo';
    draft.origins = 'https://shop.example.com\n\nhttps://shop.example.com/cart\nshop.example.com';
    draft.widget.offsetX = -1;
    draft.widget.offsetY = Number.NaN;
    draft.widget.zIndex = 1.5;
    draft.widget.launcherLabel = 'x'.repeat(41);
    expect(Object.keys(validateDraft(draft)).sort()).toEqual(
      ['allowedOrigins.1', 'allowedOrigins.2', 'color', 'widget.launcherLabel', 'widget.offsetX', 'widget.offsetY', 'widget.zIndex'].sort(),
    );
  });

  it('saves only what changed, the widget part field by field', () => {
    const draft = draftOf(site);
    draft.greeting = 'Hello';
    draft.origins = ' https://shop.example.com \nhttp://localhost:8080\n';
    draft.widget.position = 'left';
    draft.widget.prechat = { name: 'off', email: 'required' };
    expect(patchOf(site, draft)).toEqual({
      greeting: 'Hello',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
      widget: { position: 'left', prechat: { name: 'off', email: 'required' } },
    });
  });

  it('warns about a colour no text reads well on, and not about a dark one', () => {
    expect(contrastOf('#4f46e5')).toMatchObject({ text: '#ffffff', failsAA: false });
    expect(contrastOf('#ffff00')).toMatchObject({ text: '#111827', failsAA: false });
    const mid = contrastOf('#e11d48');
    expect(mid).toMatchObject({ text: '#ffffff', failsAA: false });
    const poor = contrastOf('#808080');
    expect(poor!.failsAA).toBe(true);
    expect(poor!.ratio).toBeLessThan(4.5);
  });
});

describe('createSiteSettingsModel', () => {
  function setup() {
    const fetch = createFakeFetch();
    const model = createSiteSettingsModel(createSiteSettingsApi(fetch));
    return { fetch, model };
  }

  it('loads the sites, edits a draft the preview follows, and saves only the change', async () => {
    const { fetch, model } = setup();
    fetch.reply({ status: 200, body: { sites: [site] } });
    await model.load();
    expect(model.site.value?.id).toBe(site.id);
    expect(model.dirty.value).toBe(false);

    model.edit({ color: '#0f766e', greeting: 'Ask us' });
    model.editWidget({ launcherLabel: 'Chat' });
    expect(model.dirty.value).toBe(true);
    expect(model.preview.value).toMatchObject({ color: '#0f766e', greeting: 'Ask us', widget: { launcherLabel: 'Chat' } });

    const updated = { ...site, color: '#0f766e', greeting: 'Ask us', widget: { ...site.widget, launcherLabel: 'Chat' } };
    fetch.reply({ status: 200, body: { site: updated } });
    expect(await model.save()).toBe(true);
    expect(fetch.requests[1]).toMatchObject({
      method: 'PATCH',
      url: `/v1/sites/${site.id}`,
      body: { color: '#0f766e', greeting: 'Ask us', widget: { launcherLabel: 'Chat' } },
    });
    expect(model.dirty.value).toBe(false);
  });

  it('keeps the saved colour in the preview while a colour is half typed, and does not send an invalid draft', async () => {
    const { fetch, model } = setup();
    fetch.reply({ status: 200, body: { sites: [site] } });
    await model.load();
    model.edit({ color: '#0f7' });
    expect(model.preview.value?.color).toBe('#4f46e5');
    expect(model.errors.value.color).toBeDefined();
    expect(await model.save()).toBe(false);
    expect(fetch.requests).toHaveLength(1);
  });

  it('shows the relay’s refusal beside the field it names, until that field changes', async () => {
    const { fetch, model } = setup();
    fetch.reply({ status: 200, body: { sites: [site] } });
    await model.load();
    model.edit({ greeting: 'New' });
    fetch.reply({ status: 400, body: { code: 'validation_failed', message: 'Too long (greeting)', ref: 'greeting' } });
    expect(await model.save()).toBe(false);
    expect(model.errors.value.greeting).toBe('Too long (greeting)');
    model.edit({ greeting: 'Newer' });
    expect(model.errors.value.greeting).toBeUndefined();
  });

  it('says so when the relay refuses a non-admin', async () => {
    const { fetch, model } = setup();
    fetch.reply({ status: 403, body: { code: 'forbidden', message: 'Your role may not do this. (only admins see and change site settings)' } });
    await model.load();
    expect(model.status.value).toBe('failed');
    expect(model.notice.value).toContain('only admins');
  });
});

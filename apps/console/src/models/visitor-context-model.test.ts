import type { VisitorContext } from '@parley/protocol';
import { fixtureTime, fixtureUuid } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { createToolsApi } from './tools-api';
import { createVisitorContextModel } from './visitor-context-model';

const visitorId = fixtureUuid(501);
const conversationId = fixtureUuid(502);
const page = (title: string, at: number) => ({ url: `https://shop.example/${title}`, title, referrer: '', viewedAt: fixtureTime(at) });
const context: VisitorContext = {
  id: visitorId,
  name: 'Grace',
  email: null,
  currentPage: page('home', 1),
  referrer: null,
  pages: [page('home', 1)],
  browser: { name: 'Firefox', version: '121.0' },
  os: { name: 'Linux', version: null },
  timeZone: 'Europe/Paris',
  conversations: [{ id: conversationId, status: 'open', createdAt: fixtureTime(0), updatedAt: fixtureTime(0), lastMessage: null, tags: ['vip'] }],
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createVisitorContextModel', () => {
  it('loads the context, follows page views and tag changes live, and stops on dispose', async () => {
    const fetch = createFakeFetch();
    const client = createFakeRealtimeClient();
    fetch.reply({ status: 200, body: { visitor: context } });
    const model = createVisitorContextModel(client, createToolsApi(fetch), { visitorId, conversationId });
    await settle();
    expect(model.tags.value).toEqual(['vip']);
    client.receive({ type: 'page.viewed', visitorId, page: page('tents', 2) });
    client.receive({ type: 'page.viewed', visitorId, page: page('tents', 2) });
    client.receive({ type: 'page.viewed', visitorId: fixtureUuid(599), page: page('elsewhere', 3) });
    expect(model.context.value?.currentPage?.title).toBe('tents');
    expect(model.context.value?.pages.map((p) => p.title)).toEqual(['tents', 'home']);
    client.receive({ type: 'tags.changed', conversationId, tags: ['billing', 'vip'] });
    expect(model.tags.value).toEqual(['billing', 'vip']);

    fetch.reply({ status: 200, body: { tags: ['billing'] } });
    await model.removeTag('vip');
    expect(fetch.requests.at(-1)).toMatchObject({ method: 'DELETE', url: `/v1/conversations/${conversationId}/tags/vip` });
    expect(model.tags.value).toEqual(['billing']);

    model.dispose();
    client.receive({ type: 'page.viewed', visitorId, page: page('after', 4) });
    expect(model.context.value?.currentPage?.title).toBe('tents');
  });
});

import type { CannedResponse } from '@parley/protocol';
import { fixtureTime, fixtureUuid } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createCannedModel, fillPlaceholders, insertCanned, matchCanned, slashQueryAt } from './canned-model';
import { createToolsApi } from './tools-api';

const canned = (shortcut: string, title = shortcut, body = `${shortcut} body`): CannedResponse => ({
  id: fixtureUuid(),
  scope: 'team',
  shortcut,
  title,
  body,
  createdAt: fixtureTime(0),
  updatedAt: fixtureTime(0),
});

describe('slashQueryAt', () => {
  it('finds a /shortcut being typed at the start or after a space, up to the caret', () => {
    expect(slashQueryAt('/hel', 4)).toEqual({ start: 0, query: 'hel' });
    expect(slashQueryAt('Hi there /Ref', 13)).toEqual({ start: 9, query: 'ref' });
    expect(slashQueryAt('/', 1)).toEqual({ start: 0, query: '' });
  });

  it('ignores slashes inside words and URLs, and text after a space', () => {
    expect(slashQueryAt('and/or', 6)).toBeNull();
    expect(slashQueryAt('see https://x.example/a', 23)).toBeNull();
    expect(slashQueryAt('/hello there', 12)).toBeNull();
  });
});

describe('matchCanned', () => {
  it('lists prefix matches first, then matches inside the shortcut or title', () => {
    const list = [canned('refund', 'Refund policy'), canned('hello', 'Greeting'), canned('shipref', 'Shipping'), canned('bye', 'Goodbye and refund')];
    expect(matchCanned(list, 'ref').map((r) => r.shortcut)).toEqual(['refund', 'shipref', 'bye']);
    expect(matchCanned(list, '').map((r) => r.shortcut)).toEqual(['refund', 'hello', 'shipref', 'bye']);
    expect(matchCanned(list, 'zzz')).toEqual([]);
  });
});

describe('fillPlaceholders', () => {
  const values = { visitor: { name: 'Grace', email: null }, agent: { name: 'Ada' } };
  it('fills known placeholders, empties unknown values, and leaves other braces alone', () => {
    expect(fillPlaceholders('Hi {{visitor.name}}, I am {{ agent.name }}.', values)).toBe('Hi Grace, I am Ada.');
    expect(fillPlaceholders('Mail: {{visitor.email}}!', values)).toBe('Mail: !');
    expect(fillPlaceholders('Keep {{site.name}} and {{visitor.name', values)).toBe('Keep {{site.name}} and {{visitor.name');
  });
});

describe('insertCanned', () => {
  it('replaces the /query and puts the caret after the insertion', () => {
    expect(insertCanned('Hey /he tail', { start: 4, query: 'he' }, 7, 'Hello!')).toEqual({ text: 'Hey Hello! tail', caret: 10 });
  });
});

describe('createCannedModel', () => {
  it('loads, creates in shortcut order, removes, and reports a refusal', async () => {
    const fetch = createFakeFetch();
    const model = createCannedModel(createToolsApi(fetch));
    const b = canned('b');
    fetch.reply({ status: 200, body: { cannedResponses: [b] } });
    await model.load();
    expect(fetch.requests[0]).toMatchObject({ url: '/v1/canned-responses', method: 'GET', credentials: 'same-origin' });
    const a = canned('a');
    fetch.reply({ status: 201, body: { cannedResponse: a } });
    expect(await model.create({ scope: 'personal', shortcut: 'a', title: 'a', body: 'a body' })).toBe(true);
    expect(model.responses.value.map((r) => r.shortcut)).toEqual(['a', 'b']);
    fetch.reply({ status: 404, body: { code: 'not_found', message: 'Not found.' } });
    await model.remove(b.id);
    expect(model.error.value).toBe('Not found.');
    expect(model.responses.value).toHaveLength(2);
    fetch.reply({ status: 204 });
    await model.remove(b.id);
    expect(fetch.requests.at(-1)).toMatchObject({ method: 'DELETE', url: `/v1/canned-responses/${b.id}` });
    expect(model.responses.value.map((r) => r.shortcut)).toEqual(['a']);
  });
});

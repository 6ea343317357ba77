import { makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from './api';
import { createFakeFetch } from './fake-fetch';

describe('createApi', () => {
  it('logs in with a JSON body, same-origin credentials, and returns the agent', async () => {
    const fetch = createFakeFetch();
    const agent = makeAgentProfile();
    fetch.reply({ status: 200, body: { agent } });
    const reply = await createApi(fetch, 'http://relay.test').login({ email: 'a@b.test', password: 'pw' });

    expect(reply.agent).toEqual(agent);
    expect(fetch.requests).toEqual([
      {
        url: 'http://relay.test/v1/auth/login',
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: { email: 'a@b.test', password: 'pw' },
      },
    ]);
  });

  it('turns an ErrorBody into an ApiError with status, code and message', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 401, body: { code: 'invalid_credentials', message: 'Email or password is wrong.' } });
    const error = await createApi(fetch)
      .login({ email: 'a@b.test', password: 'nope' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Email or password is wrong.' });
  });

  it('maps a non-JSON error page to the registry code of its status', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 502, raw: '<html>Bad gateway</html>' }, { status: 404, raw: '' });
    const api = createApi(fetch);

    await expect(api.me()).rejects.toMatchObject({ status: 502, code: 'unavailable' });
    await expect(api.getConversation('x')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('does not trust an error body whose code is not in the registry', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 500, body: { code: 'made_up', message: '<b>hi</b>' } });
    await expect(createApi(fetch).me()).rejects.toMatchObject({ status: 500, code: 'internal' });
  });

  it('reports an unreachable relay as status 0, unavailable', async () => {
    const fetch = createFakeFetch();
    fetch.reply(new TypeError('Failed to fetch'));
    await expect(createApi(fetch).me()).rejects.toMatchObject({ status: 0, code: 'unavailable' });
  });

  it('sends no body and no content type for logout, and resolves on 204', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 204 });
    await createApi(fetch).logout();
    expect(fetch.requests[0]).toMatchObject({ url: '/v1/auth/logout', method: 'POST', body: undefined });
    expect(fetch.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('posts a password change', async () => {
    const fetch = createFakeFetch();
    fetch.reply({ status: 204 });
    await createApi(fetch).changePassword({ currentPassword: 'old', newPassword: 'a-new-long-one' });
    expect(fetch.requests[0]).toMatchObject({
      url: '/v1/auth/password',
      body: { currentPassword: 'old', newPassword: 'a-new-long-one' },
    });
  });

  it('builds list queries and encodes ids into paths', async () => {
    const fetch = createFakeFetch();
    const conversation = makeConversationSummary();
    fetch.reply(
      { status: 200, body: { conversations: [conversation] } },
      { status: 200, body: { conversations: [] } },
      { status: 200, body: { conversation } },
      { status: 200, body: { messages: [], complete: true } },
    );
    const api = createApi(fetch);

    expect((await api.listConversations({ status: 'open', limit: 20 })).conversations).toEqual([conversation]);
    await api.listConversations();
    await api.getConversation('a/b');
    await api.listMessages(conversation.id, { afterSeq: 3 });

    expect(fetch.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/conversations?status=open&limit=20',
      'GET /v1/conversations',
      'GET /v1/conversations/a%2Fb',
      `GET /v1/conversations/${conversation.id}/messages?afterSeq=3`,
    ]);
    expect(fetch.requests.every((r) => r.credentials === 'same-origin')).toBe(true);
  });
});

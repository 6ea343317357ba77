/**
 * The Team admin REST API against a real relay: an admin sets capacities (and the change takes
 * effect: presence.changed, and the queue moves), edits teams and which teams a site offers;
 * agents are refused with `forbidden`, bad bodies with `validation_failed`, foreign ids with
 * `not_found`, and nothing crosses workspaces.
 */
import type { AgentPresence, SiteTeams, Team } from '@parley/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { eventually, signIn, type RawSocket } from '../testing/test-clients';
import { addAgent, openVisitor, visitorSays, type TestAgent } from './routing-test-kit';

describe('Team admin REST', () => {
  let relay: RelayUnderTest;
  let admin: string;
  let adminB: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    relay = await startRelay({ env: { FRAME_LIMIT_VISITOR_SOCKET: '0', FRAME_LIMIT_IP: '0', ROUTING_SWEEP_MS: '60000' } });
    [admin, adminB] = await Promise.all([signIn(relay, relay.a.agent), signIn(relay, relay.b.agent)]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await relay.close();
  });

  const agent = async (opts: Parameters<typeof addAgent>[3] = {}): Promise<TestAgent> => {
    const added = await addAgent(relay.database, relay, relay.a, opts);
    sockets.push(added.socket);
    return added;
  };

  async function api(cookie: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${relay.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  it('sets an agent’s capacity: the team is told and a waiting visitor is assigned at once', async () => {
    const ada = await agent({ name: 'Ada', capacity: 0 });
    const guest = await openVisitor(relay, relay.a);
    sockets.push(guest);
    const conversationId = await visitorSays(guest, 'anyone there?');
    await eventually(() => guest.frames.some((frame) => frame.type === 'queue.updated' && frame.position === 1), 'queued while Ada has no room');

    const set = await api(admin, 'PUT', `/v1/agents/${ada.id}/capacity`, { capacity: 2 });
    expect(set.status).toBe(200);
    expect(set.body!.agent as AgentPresence).toMatchObject({ agentId: ada.id, name: 'Ada', capacity: 2, status: 'online' });
    await eventually(
      () => ada.frames('conversation.assigned').some((frame) => (frame.conversation as { id: string }).id === conversationId),
      'Ada gets the waiting conversation',
    );
    await eventually(
      () => ada.frames('presence.changed').some((frame) => (frame.agent as AgentPresence).agentId === ada.id && (frame.agent as AgentPresence).capacity === 2),
      'her meter shows the new capacity',
    );
    const roster = (await api(admin, 'GET', '/v1/presence')).body!.agents as AgentPresence[];
    expect(roster.find((entry) => entry.agentId === ada.id)).toMatchObject({ capacity: 2, load: 1 });
  });

  it('refuses agents (forbidden), bad bodies (validation_failed) and other workspaces’ ids (not_found)', async () => {
    const cy = await agent({ name: 'Cy' });
    const teams = (await api(admin, 'GET', '/v1/teams')).body!.teams as Team[];
    const defaultTeam = teams.find((team) => team.isDefault)!;

    for (const [method, path, body] of [
      ['PUT', `/v1/agents/${cy.id}/capacity`, { capacity: 9 }],
      ['POST', '/v1/teams', { name: 'Mine now' }],
      ['PATCH', `/v1/teams/${defaultTeam.id}`, { autoAssign: false }],
      ['GET', '/v1/site-teams', undefined],
      ['PUT', `/v1/sites/${relay.a.siteId}/teams`, { teamIds: [] }],
    ] as const) {
      const refused = await api(cy.cookie, method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden' });
    }

    expect((await api(admin, 'PUT', `/v1/agents/${cy.id}/capacity`, { capacity: -1 })).body).toMatchObject({ code: 'validation_failed' });
    expect((await api(admin, 'PUT', `/v1/agents/${cy.id}/capacity`, { capacity: 101 })).body).toMatchObject({ code: 'validation_failed' });
    expect((await api(admin, 'PUT', `/v1/agents/${cy.id}/capacity`, { capacity: 2, extra: 1 })).body).toMatchObject({ code: 'validation_failed' });
    expect((await api(admin, 'PUT', `/v1/agents/not-a-uuid/capacity`, { capacity: 2 })).body).toMatchObject({ code: 'validation_failed' });
    expect((await api(admin, 'PATCH', `/v1/teams/${defaultTeam.id}`, { firstResponseTargetSeconds: 0 })).body).toMatchObject({
      code: 'validation_failed',
    });
    expect((await api(admin, 'POST', '/v1/teams', { name: '' })).body).toMatchObject({ code: 'validation_failed' });

    // Workspace B's admin cannot reach A's agent, team or site, and A's admin cannot name B's.
    expect((await api(adminB, 'PUT', `/v1/agents/${cy.id}/capacity`, { capacity: 5 })).body).toMatchObject({ code: 'not_found' });
    expect((await api(adminB, 'PATCH', `/v1/teams/${defaultTeam.id}`, { name: 'Taken' })).body).toMatchObject({ code: 'not_found' });
    expect((await api(adminB, 'PUT', `/v1/sites/${relay.a.siteId}/teams`, { teamIds: [] })).body).toMatchObject({ code: 'not_found' });
    expect((await api(admin, 'PATCH', `/v1/teams/${defaultTeam.id}`, { memberIds: [relay.b.agent.id] })).body).toMatchObject({ code: 'not_found' });
    const teamsB = (await api(adminB, 'GET', '/v1/teams')).body!.teams as Team[];
    expect((await api(admin, 'PUT', `/v1/sites/${relay.a.siteId}/teams`, { teamIds: [teamsB[0]!.id] })).body).toMatchObject({ code: 'not_found' });
    expect(((await api(adminB, 'GET', '/v1/site-teams')).body!.sites as SiteTeams[]).map((site) => site.siteId)).toEqual([relay.b.siteId]);
    // Nothing of that changed A's data.
    const after = (await api(admin, 'GET', '/v1/teams')).body!.teams as Team[];
    expect(after.find((team) => team.isDefault)).toMatchObject({ name: defaultTeam.name, memberIds: defaultTeam.memberIds });
  });

  it('creates and edits a team (name, members, auto-assignment, service levels) and offers it to a site’s visitors', async () => {
    const dee = await agent({ name: 'Dee' });
    const created = await api(admin, 'POST', '/v1/teams', { name: 'Billing', autoAssign: false, memberIds: [dee.id] });
    expect(created.status).toBe(201);
    const billing = created.body!.team as Team;
    expect(billing).toMatchObject({ name: 'Billing', autoAssign: false, isDefault: false, memberIds: [dee.id] });
    await eventually(
      () => dee.frames('presence.changed').some((frame) => (frame.agent as AgentPresence).teamIds.includes(billing.id)),
      'Dee’s roster entry names her new team',
    );

    const edited = await api(admin, 'PATCH', `/v1/teams/${billing.id}`, {
      name: 'Billing & refunds',
      firstResponseTargetSeconds: 120,
      reassignAfterSeconds: 300,
    });
    expect(edited.body!.team).toMatchObject({ name: 'Billing & refunds', firstResponseTargetSeconds: 120, reassignAfterSeconds: 300, autoAssign: false });

    const cleared = await api(admin, 'PATCH', `/v1/teams/${billing.id}`, { reassignAfterSeconds: null });
    expect(cleared.body!.team).toMatchObject({ firstResponseTargetSeconds: 120, reassignAfterSeconds: null });

    expect((await api(admin, 'PUT', `/v1/sites/${relay.a.siteId}/teams`, { teamIds: [billing.id] })).status).toBe(204);
    const sites = (await api(admin, 'GET', '/v1/site-teams')).body!.sites as SiteTeams[];
    expect(sites).toEqual([{ siteId: relay.a.siteId, name: expect.any(String), teamIds: [billing.id] }]);

    // A visitor who picks it waits in its queue (auto-assignment is off) until switched on.
    const guest = await openVisitor(relay, relay.a);
    sockets.push(guest);
    const offered = guest.frames.find((frame) => frame.type === 'welcome')!.site as { teams?: Array<{ id: string; name: string }> };
    expect(offered.teams).toEqual([{ id: billing.id, name: 'Billing & refunds' }]);
    const conversationId = await visitorSays(guest, 'refund please', undefined, { teamId: billing.id });
    await eventually(() => guest.frames.some((frame) => frame.type === 'queue.updated' && frame.position === 1), 'waits in the Billing queue');
    expect(dee.frames('conversation.assigned')).toHaveLength(0);

    expect((await api(admin, 'PATCH', `/v1/teams/${billing.id}`, { autoAssign: true })).body!.team).toMatchObject({ autoAssign: true });
    await eventually(
      () => dee.frames('conversation.assigned').some((frame) => (frame.conversation as { id: string }).id === conversationId),
      'switched on, the queue is routed to Dee',
    );
  });
});

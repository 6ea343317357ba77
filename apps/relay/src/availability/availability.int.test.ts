/** Business hours over REST and live availability on the visitor socket, on one node and across two. */
import { postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, openVisitor, send } from '../routing/routing-test-kit';
import { startRelay, type RelayUnderTest, startTwoNodes } from '../testing/relay-harness';
import { eventually, signIn, type RawSocket } from '../testing/test-clients';

const alwaysClosed = { enabled: true, timeZone: 'Europe/Berlin', weekly: [], holidays: [], offlineBehaviour: 'form' };

describe('availability', () => {
  let relay: RelayUnderTest;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    relay = await startRelay({ env: { PRESENCE_GRACE_MS: '0', ROUTING_SWEEP_MS: '100' } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
  });

  const availabilities = (socket: RawSocket) => socket.frames.filter((frame) => frame.type === 'availability.changed');
  const latest = (socket: RawSocket) => availabilities(socket).at(-1);
  const adminCookie = () => signIn(relay, relay.a.agent);
  const putHours = (cookie: string, siteId: string, body: unknown) =>
    fetch(`${relay.baseUrl}/v1/sites/${siteId}/business-hours`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('tells a widget nobody is online, then live that an agent came and went', async () => {
    const visitor = await openVisitor(relay, relay.a);
    sockets.push(visitor);
    await eventually(() => availabilities(visitor).length > 0, 'availability after welcome');
    expect(availabilities(visitor)[0]).toEqual({ type: 'availability.changed', available: false, reason: 'no_agents', offlineBehaviour: 'notice', emailFollowUp: false });

    const agent = await addAgent(relay.database, relay, relay.a);
    sockets.push(agent.socket);
    await eventually(() => latest(visitor)?.available === true, 'available once an agent is online');
    expect(latest(visitor)).toMatchObject({ reason: null });

    send(agent.socket, { type: 'presence.set', status: 'away' });
    await eventually(() => latest(visitor)?.reason === 'no_agents', 'unavailable when the only agent is away');
  });

  it('closes live when an admin saves hours that exclude now, and says why', async () => {
    const agent = await addAgent(relay.database, relay, relay.a);
    const visitor = await openVisitor(relay, relay.a);
    sockets.push(agent.socket, visitor);
    await eventually(() => latest(visitor)?.available === true, 'available');

    const response = await putHours(await adminCookie(), relay.a.siteId, { ...alwaysClosed, offlineBehaviour: 'notice' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      businessHours: { ...alwaysClosed, offlineBehaviour: 'notice' },
      availability: { available: false, reason: 'closed', offlineBehaviour: 'notice', emailFollowUp: false },
    });
    await eventually(() => latest(visitor)?.reason === 'closed', 'closed pushed to the widget');
    expect(latest(visitor)).toMatchObject({ offlineBehaviour: 'notice' });

    // A holiday today (in the site's zone) says so rather than "closed".
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '00:00' }));
    await putHours(await adminCookie(), relay.a.siteId, { ...alwaysClosed, weekly: allWeek, holidays: [today] });
    await eventually(() => latest(visitor)?.reason === 'holiday', 'holiday pushed');

    await putHours(await adminCookie(), relay.a.siteId, { ...alwaysClosed, weekly: allWeek });
    await eventually(() => latest(visitor)?.available === true, 'open all week again');
  });

  it('reads the defaults for a site without saved hours, and lists only the workspace\'s own sites', async () => {
    const cookie = await adminCookie();
    const list = await fetch(`${relay.baseUrl}/v1/business-hours`, { headers: { cookie } });
    expect(((await list.json()) as { sites: Array<{ siteId: string; siteName: string }> }).sites.map(({ siteId, siteName }) => ({ siteId, siteName }))).toEqual([
      { siteId: relay.a.siteId, siteName: 'Site a' },
    ]);
    const response = await fetch(`${relay.baseUrl}/v1/sites/${relay.a.siteId}/business-hours`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      businessHours: { enabled: false, timeZone: 'UTC', weekly: [], holidays: [], offlineBehaviour: 'notice' },
      availability: { available: false, reason: 'no_agents' },
    });
  });

  it('refuses bad input, other roles and other workspaces with typed errors', async () => {
    const cookie = await adminCookie();
    const badZone = await putHours(cookie, relay.a.siteId, { ...alwaysClosed, timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(await badZone.json()).toMatchObject({ code: 'validation_failed' });
    const badTime = await putHours(cookie, relay.a.siteId, { ...alwaysClosed, weekly: [{ day: 1, start: '9:00', end: '17:00' }] });
    expect(badTime.status).toBe(400);
    expect(await badTime.json()).toMatchObject({ code: 'validation_failed' });
    const badDay = await putHours(cookie, relay.a.siteId, { ...alwaysClosed, weekly: [{ day: 7, start: '09:00', end: '17:00' }] });
    expect(badDay.status).toBe(400);
    const badHoliday = await putHours(cookie, relay.a.siteId, { ...alwaysClosed, holidays: ['2026-13-01'] });
    expect(badHoliday.status).toBe(400);

    const otherWorkspace = await putHours(cookie, relay.b.siteId, alwaysClosed);
    expect(otherWorkspace.status).toBe(404);
    expect(await otherWorkspace.json()).toMatchObject({ code: 'not_found' });
    const otherRead = await fetch(`${relay.baseUrl}/v1/sites/${relay.b.siteId}/business-hours`, { headers: { cookie } });
    expect(otherRead.status).toBe(404);

    const agent = await addAgent(relay.database, relay, relay.a, { role: 'supervisor' });
    sockets.push(agent.socket);
    const notAdmin = await putHours(agent.cookie, relay.a.siteId, alwaysClosed);
    expect(notAdmin.status).toBe(403);
    expect(await notAdmin.json()).toMatchObject({ code: 'forbidden' });

    const anonymous = await putHours('', relay.a.siteId, alwaysClosed);
    expect(anonymous.status).toBe(401);
  });
});

describe.skipIf(!postgresUrl() || !redisUrl())('availability across two nodes', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reaches a widget on the other node at once when presence or hours change there', async () => {
    // The periodic check is an hour away: only the bus can carry the change within the test.
    const [node1, node2] = await startTwoNodes(cleanups, { env: { PRESENCE_GRACE_MS: '0', ROUTING_SWEEP_MS: '3600000' } });
    const latest = (socket: RawSocket) => socket.frames.filter((frame) => frame.type === 'availability.changed').at(-1);

    const visitor = await openVisitor(node2, node1.a);
    cleanups.push(() => visitor.close());
    await eventually(() => latest(visitor)?.reason === 'no_agents', 'nobody online at first');

    const agent = await addAgent(node1.database, node1, node1.a);
    cleanups.push(() => agent.socket.close());
    await eventually(() => latest(visitor)?.available === true, 'available once an agent is online on node 1');

    const cookie = await signIn(node1, node1.a.agent);
    const response = await fetch(`${node1.baseUrl}/v1/sites/${node1.a.siteId}/business-hours`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(alwaysClosed),
    });
    expect(response.status).toBe(200);
    await eventually(() => latest(visitor)?.reason === 'closed', 'closed hours saved on node 1 reach node 2');
  });
});

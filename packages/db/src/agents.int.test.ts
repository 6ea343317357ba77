import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createAgent, findAgentByEmail, getAgent, setAgentPassword, toAgentProfile } from './agents';
import { createSession, deleteAgentSessions, deleteSessionByTokenHash, findSessionByTokenHash } from './sessions';
import { describeEachBackend } from './testing/each-backend';
import { createWorkspace } from './workspaces';

describeEachBackend('agents and sessions', (database) => {
  const db = () => database().db;
  const uniqueEmail = (name: string) => `${name}-${randomUUID()}@Example.TEST`;

  it('stores emails lowercased and finds them in any case', async () => {
    const workspace = await createWorkspace(db(), { name: 'W' });
    const email = uniqueEmail('Grace');
    const agent = await createAgent(db(), workspace.id, { email, name: 'Grace', role: 'admin', passwordHash: 'h1' });
    expect(agent.email).toBe(email.toLowerCase());

    const found = await findAgentByEmail(db(), email.toUpperCase());
    expect(found).toEqual({ ...agent, passwordHash: 'h1' });
    expect(toAgentProfile(found!)).toEqual({
      id: agent.id,
      workspaceId: workspace.id,
      email: email.toLowerCase(),
      name: 'Grace',
      role: 'admin',
    });
    expect(await findAgentByEmail(db(), `nobody-${randomUUID()}@example.test`)).toBeNull();
    await expect(
      createAgent(db(), workspace.id, { email: email.toUpperCase(), name: 'Twin', role: 'agent', passwordHash: 'h2' }),
    ).rejects.toThrow();
  });

  it('scopes agent reads and password changes by workspace', async () => {
    const a = await createWorkspace(db(), { name: 'A' });
    const b = await createWorkspace(db(), { name: 'B' });
    const agent = await createAgent(db(), a.id, { email: uniqueEmail('a'), name: 'A', role: 'agent', passwordHash: 'old' });

    expect(await getAgent(db(), b.id, agent.id)).toBeNull();
    expect(await setAgentPassword(db(), b.id, agent.id, 'stolen')).toBe(false);
    expect((await findAgentByEmail(db(), agent.email))?.passwordHash).toBe('old');

    expect(await setAgentPassword(db(), a.id, agent.id, 'new')).toBe(true);
    expect((await findAgentByEmail(db(), agent.email))?.passwordHash).toBe('new');
    expect(await getAgent(db(), a.id, agent.id)).toMatchObject({ id: agent.id, workspaceId: a.id });
  });

  it('finds a session until it expires', async () => {
    const workspace = await createWorkspace(db(), { name: 'W' });
    const agent = await createAgent(db(), workspace.id, { email: uniqueEmail('s'), name: 'S', role: 'agent', passwordHash: 'h' });
    const expiresAt = new Date('2030-01-01T00:00:00.000Z');
    const tokenHash = randomUUID();
    const session = await createSession(db(), { workspaceId: workspace.id, agentId: agent.id, tokenHash, expiresAt });
    expect(session.expiresAt).toBe(expiresAt.toISOString());

    const before = new Date(expiresAt.getTime() - 1);
    expect(await findSessionByTokenHash(db(), tokenHash, before)).toEqual({
      sessionId: session.sessionId,
      workspaceId: workspace.id,
      agentId: agent.id,
      expiresAt: expiresAt.toISOString(),
      agent: toAgentProfile(agent),
    });
    expect(await findSessionByTokenHash(db(), tokenHash, expiresAt)).toBeNull();
    expect(await findSessionByTokenHash(db(), randomUUID(), before)).toBeNull();
  });

  it('ends one session on logout and all but the current one on password change', async () => {
    const workspace = await createWorkspace(db(), { name: 'W' });
    const other = await createWorkspace(db(), { name: 'Other' });
    const agent = await createAgent(db(), workspace.id, { email: uniqueEmail('d'), name: 'D', role: 'agent', passwordHash: 'h' });
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    const hashes = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const tokenHash of hashes) {
      await createSession(db(), { workspaceId: workspace.id, agentId: agent.id, tokenHash, expiresAt });
    }

    expect(await deleteSessionByTokenHash(db(), hashes[0]!)).toBe(true);
    expect(await deleteSessionByTokenHash(db(), hashes[0]!)).toBe(false);
    expect(await findSessionByTokenHash(db(), hashes[0]!)).toBeNull();

    expect(await deleteAgentSessions(db(), other.id, agent.id)).toBe(0);
    expect(await deleteAgentSessions(db(), workspace.id, agent.id, { exceptTokenHash: hashes[1]! })).toBe(2);
    expect(await findSessionByTokenHash(db(), hashes[1]!)).not.toBeNull();
    expect(await findSessionByTokenHash(db(), hashes[2]!)).toBeNull();
    expect(await deleteAgentSessions(db(), workspace.id, agent.id)).toBe(1);
  });
});

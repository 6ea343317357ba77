/** A workspace with a site, a visitor and an agent: the smallest world a chat test needs. */
import type { Author } from '@parley/protocol';
import { createAgent, type AgentRecord } from '../agents';
import type { Db } from '../open-db';
import { conversations } from '../schema';
import { createSite, type SiteRecord } from '../sites';
import { createVisitor, type VisitorRecord } from '../visitors';
import { createWorkspace, type WorkspaceRecord } from '../workspaces';

export interface ChatFixture {
  workspace: WorkspaceRecord;
  site: SiteRecord;
  visitor: VisitorRecord;
  agent: AgentRecord;
  visitorAuthor: Author;
  agentAuthor: Author;
}

let agents = 0;

export async function createChatFixture(db: Db, name = 'Acme'): Promise<ChatFixture> {
  const workspace = await createWorkspace(db, { name });
  const site = await createSite(db, workspace.id, { name: `${name} site`, allowedOrigins: ['https://acme.example'] });
  const visitor = await createVisitor(db, workspace.id, site.id);
  const agent = await createAgent(db, workspace.id, {
    email: `agent-${++agents}-${workspace.id}@example.test`,
    name: 'Ada Agent',
    role: 'agent',
    passwordHash: 'not-a-real-hash',
  });
  return {
    workspace,
    site,
    visitor,
    agent,
    visitorAuthor: { kind: 'visitor', id: visitor.id, name: null },
    agentAuthor: { kind: 'agent', id: agent.id, name: agent.name },
  };
}

/**
 * A conversation with no message yet, written straight into the table: the public path
 * (startConversation) always stores a first message, and some tests need seq to start at 1.
 */
export async function insertEmptyConversation(db: Db, fixture: ChatFixture): Promise<string> {
  const [row] = await db
    .insert(conversations)
    .values({ workspaceId: fixture.workspace.id, siteId: fixture.site.id, visitorId: fixture.visitor.id })
    .returning({ id: conversations.id });
  if (!row) throw new Error('insert into conversations returned no row');
  return row.id;
}

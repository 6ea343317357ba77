/** Agents and visitors on raw sockets for the routing integration tests: every frame recorded, nothing hidden by a client. */
import { createAgent, setAgentCapacity, type Database } from '@parley/db';
import { PROTOCOL_VERSION, WS_PATHS, type AgentRole } from '@parley/protocol';
import { hashPassword } from '../auth/passwords';
import type { RelayUnderTest, SeededWorkspace } from '../testing/relay-harness';
import { eventually, RawSocket, signIn } from '../testing/test-clients';

export interface TestAgent {
  id: string;
  name: string;
  cookie: string;
  socket: RawSocket;
  /** Frames of one type this agent received so far. */
  frames(type: string): Array<Record<string, unknown>>;
}

let counter = 0;
const PASSWORD = 'routing test password';
let passwordHash: Promise<string> | null = null;

export async function addAgent(
  database: Database,
  relay: Pick<RelayUnderTest, 'baseUrl' | 'wsUrl'>,
  workspace: SeededWorkspace,
  opts: { name?: string; role?: AgentRole; capacity?: number; connect?: boolean } = {},
): Promise<TestAgent> {
  const name = opts.name ?? `Agent ${++counter}`;
  const email = `routing-${++counter}-${Date.now()}@example.test`;
  passwordHash ??= hashPassword(PASSWORD);
  const agent = await createAgent(database.db, workspace.workspaceId, { email, name, role: opts.role ?? 'agent', passwordHash: await passwordHash });
  if (opts.capacity !== undefined) await setAgentCapacity(database.db, workspace.workspaceId, agent.id, opts.capacity);
  const cookie = await signIn(relay, { email, password: PASSWORD });
  const socket = await openAgentSocket(relay, cookie);
  return { id: agent.id, name, cookie, socket, frames: (type) => socket.frames.filter((frame) => frame.type === type) };
}

export async function openAgentSocket(relay: Pick<RelayUnderTest, 'baseUrl' | 'wsUrl'>, cookie: string, origin = relay.baseUrl): Promise<RawSocket> {
  const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.console}`, { origin, cookie });
  await socket.opened;
  socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
  await eventually(() => socket.frames.some((frame) => frame.type === 'presence.synced'), 'presence.synced after welcome');
  return socket;
}

export async function openVisitor(relay: Pick<RelayUnderTest, 'wsUrl'>, site: Pick<SeededWorkspace, 'siteKey' | 'origin'>, token?: string): Promise<RawSocket> {
  const socket = new RawSocket(`${relay.wsUrl}${WS_PATHS.widget}?siteKey=${site.siteKey}`, { origin: site.origin });
  await socket.opened;
  socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { token } : {}) }));
  await eventually(() => socket.frames.some((frame) => frame.type === 'welcome'), 'visitor welcome');
  return socket;
}

/** Sends the visitor's message and resolves with the ack's conversation id. */
export async function visitorSays(socket: RawSocket, body: string, conversationId?: string, extra: Record<string, unknown> = {}): Promise<string> {
  const clientId = `c-${++counter}`;
  socket.send(JSON.stringify({ type: 'message.send', clientId, body, ...(conversationId ? { conversationId } : {}), ...extra }));
  let ack: Record<string, unknown> | undefined;
  await eventually(() => (ack = socket.frames.find((frame) => frame.type === 'message.ack' && frame.clientId === clientId)) !== undefined, `ack ${clientId}`);
  return ack!.conversationId as string;
}

export function send(socket: RawSocket, frame: Record<string, unknown>): void {
  socket.send(JSON.stringify(frame));
}

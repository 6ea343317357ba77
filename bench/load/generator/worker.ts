/**
 * A generator process (forked by the orchestrator): holds visitor, agent or idle sockets and does
 * what the IPC commands say. It exits with its parent, so an interrupted run leaves no generator.
 */
import { AgentFleet } from './agent-fleet';
import type { CommandName, Commands, Reply, Request } from './commands';
import { IdleFleet } from './idle-fleet';
import { VisitorFleet } from './visitor-fleet';

let visitors: VisitorFleet | null = null;
let agents: AgentFleet | null = null;
const idle = new IdleFleet();

function need<T>(fleet: T | null, name: string): T {
  if (!fleet) throw new Error(`no ${name} opened in this generator`);
  return fleet;
}

type Handlers = { [K in CommandName]: (args: Commands[K]['args']) => Promise<Commands[K]['result']> | Commands[K]['result'] };

const handlers: Handlers = {
  'visitors.open': async (args) => {
    visitors = new VisitorFleet(args);
    await visitors.open();
  },
  'visitors.start-conversations': () => need(visitors, 'visitors').startConversations(),
  'visitors.step': (args) => need(visitors, 'visitors').step(args),
  'agents.open': async (args) => {
    agents = new AgentFleet(args);
    await agents.open();
  },
  'agents.watch': (args) => need(agents, 'agents').watch(args.conversationIds),
  'agents.collect': (args) => need(agents, 'agents').collect(args),
  'idle.open': (args) => idle.open(args),
  'idle.status': () => idle.status(),
  close: () => {
    visitors?.close();
    agents?.close();
    idle.close();
  },
};

process.on('message', (message: Request) => {
  const handler = handlers[message.cmd] as (args: unknown) => Promise<unknown> | unknown;
  Promise.resolve()
    .then(() => handler(message.args))
    .then(
      (result) => process.send!({ id: message.id, ok: true, result } satisfies Reply),
      (error: unknown) => process.send!({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) } satisfies Reply),
    );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });

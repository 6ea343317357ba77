/**
 * The faults, one function each. Every one ends with the system whole again (node revived,
 * Postgres thawed, Redis back), so faults can run one after another and the settle phase starts
 * from a healthy cluster.
 */
import WebSocket from 'ws';
import type { Cluster } from './cluster';
import { cutMidFrame } from './node-socket';
import type { Prng } from './prng';
import { resendAcked, type ResendCheck } from './raw-resend';
import type { SimAgent } from './sim-agent';
import type { SimVisitor } from './sim-visitor';
import { sleep, waitFor } from './waiting';

export const FAULT_KINDS = [
  'node-kill',
  'redis-restart',
  'postgres-pause',
  'socket-cut',
  'duplicate-send',
  'reconnect-reorder',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultContext {
  cluster: Cluster;
  visitors: readonly SimVisitor[];
  agents: readonly SimAgent[];
  siteKey: string;
  rng: Prng;
  /** A fresh, unique message body. */
  body(author: string): string;
  /** Where duplicate-send faults file what the relay answered. */
  resends: ResendCheck[];
}

type Sim = SimVisitor | SimAgent;

const isOpen = (sim: Sim) => sim.client.state === 'open';

/** Up to `count` distinct items, chosen by the run's generator. */
function choose<T>(rng: Prng, items: readonly T[], count: number): T[] {
  return rng.shuffle(items).slice(0, Math.max(0, count));
}

/** Puts a message in flight on the client's socket (an agent needs a conversation to write in). */
function speak(ctx: FaultContext, sim: Sim): void {
  if ('watched' in sim) {
    const conversations = [...sim.watched.keys()];
    if (conversations.length > 0) sim.say(ctx.rng.pick(conversations), ctx.body(sim.record.label));
  } else {
    sim.say(ctx.body(sim.record.label));
  }
}

async function nodeKill(ctx: FaultContext): Promise<string> {
  const node = ctx.rng.pick(ctx.cluster.up());
  const downMs = ctx.rng.int(2_000, 5_000);
  await ctx.cluster.kill(node.index);
  await sleep(downMs);
  const started = Date.now();
  await ctx.cluster.revive(node.index);
  return `node ${node.index} (port ${node.port}) SIGKILL, started again after ${downMs} ms, ready ${Date.now() - started} ms later`;
}

async function redisRestart(ctx: FaultContext): Promise<string> {
  const downMs = ctx.rng.int(500, 3_000);
  await ctx.cluster.redis.restart({ whileDown: () => sleep(downMs) });
  return `redis SIGKILL, down ${downMs} ms, same port`;
}

async function postgresPause(ctx: FaultContext): Promise<string> {
  const pauseMs = ctx.rng.int(1_000, 4_000);
  const frozen = ctx.cluster.freezePostgres();
  try {
    await sleep(pauseMs);
  } finally {
    frozen.thaw();
  }
  return `SIGSTOP postmaster + ${frozen.pids.length - 1} children for ${pauseMs} ms, then SIGCONT`;
}

async function socketCut(ctx: FaultContext): Promise<string> {
  const victims: Sim[] = [
    ...choose(ctx.rng, ctx.visitors.filter(isOpen), Math.ceil(ctx.visitors.length * 0.05)),
    ...choose(ctx.rng, ctx.agents.filter(isOpen), 1),
  ];
  const how = { fin: 0, rst: 0 };
  for (const sim of victims) {
    const ws = sim.sockets.current();
    if (!ws) continue;
    const burst = ctx.rng.int(1, 3);
    for (let i = 0; i < burst; i++) speak(ctx, sim);
    // The half-written frame is the newest pending message, as if its write was interrupted.
    const pending = sim.client.pending().at(-1);
    const frame = pending
      ? { type: 'message.send', conversationId: pending.conversationId, clientId: pending.clientId, body: pending.body }
      : { type: 'ping', ts: Date.now() };
    const mode = ctx.rng.next() < 0.5 ? 'fin' : 'rst';
    if (cutMidFrame(ws, frame, mode)) how[mode]++;
  }
  return `${how.fin + how.rst} sockets cut mid-frame with messages in flight (${how.fin} FIN, ${how.rst} RST)`;
}

async function duplicateSend(ctx: FaultContext): Promise<string> {
  const candidates: Sim[] = [...ctx.visitors, ...ctx.agents].filter((sim) => sim.record.acks.size > 0);
  if (candidates.length === 0) throw new Error('nothing acknowledged yet to resend');
  const sim = ctx.rng.pick(candidates);
  const clientId = ctx.rng.pick([...sim.record.acks.keys()]);
  const ack = sim.record.acks.get(clientId)!;
  const body = sim.record.sent.get(clientId)?.body;
  if (body === undefined) throw new Error(`no body recorded for ${clientId}`);
  const node = ctx.cluster.pickNode(ctx.rng);
  const isAgent = 'watched' in sim;
  const check = await resendAcked({
    wsUrl: node.wsUrl,
    side: isAgent ? 'agent' : 'visitor',
    headers: sim.headers,
    siteKey: ctx.siteKey,
    token: isAgent ? undefined : (sim as SimVisitor).token(),
    clientId,
    body,
    ack,
  });
  ctx.resends.push(check);
  const answers = check.answers.map((a) => `seq ${a.seq}`).join(', ') || 'none';
  return `${sim.record.label} ${clientId} (seq ${ack.seq}) resent twice on node ${node.index}: answers ${answers}${
    check.incomplete ? ` (incomplete: ${check.incomplete})` : ''
  }`;
}

async function reconnectReorder(ctx: FaultContext): Promise<string> {
  const group: Sim[] = [
    ...choose(ctx.rng, ctx.visitors.filter(isOpen), Math.max(2, Math.ceil(ctx.visitors.length * 0.1))),
    ...choose(ctx.rng, ctx.agents.filter(isOpen), Math.ceil(ctx.agents.length / 2)),
  ];
  for (const sim of group) if (ctx.rng.next() < 0.5) speak(ctx, sim);
  const dropped = group.map((sim) => sim.sockets.current());
  for (const ws of dropped) ws?.terminate();
  // Every client must have seen its close before the reconnects start; the few whose own backoff
  // timer fires first reconnect by themselves (connect() is then a no-op for them).
  await waitFor(() => dropped.every((ws) => !ws || ws.readyState === WebSocket.CLOSED), 5_000, 5);
  const order = ctx.rng.shuffle(group);
  for (const sim of order) sim.client.connect();
  const back = await waitFor(() => order.every(isOpen), 15_000);
  return `${order.length} clients dropped at once and reconnected in shuffled order (${
    order.filter((sim) => 'watched' in sim).length
  } agents)${back ? '' : '; not all back within 15 s'}`;
}

export const INJECTORS: Record<FaultKind, (ctx: FaultContext) => Promise<string>> = {
  'node-kill': nodeKill,
  'redis-restart': redisRestart,
  'postgres-pause': postgresPause,
  'socket-cut': socketCut,
  'duplicate-send': duplicateSend,
  'reconnect-reorder': reconnectReorder,
};

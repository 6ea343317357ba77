/**
 * The agents of a load test: sockets that watch the visitors' conversations and time each
 * delivery from the send time in its clientId. Every agent socket of a workspace also receives
 * `conversation.updated` for every message; those are recognised by a substring and dropped
 * unparsed.
 */
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import type { ConsoleToRelay, RelayToConsole } from '@parley/protocol';
import type WebSocket from 'ws';
import { decodeClientId } from '../bench-client-id';
import { nowMicros, sleep } from '../clock';
import { Histogram } from '../histogram';
import type { AgentFleetOptions, AgentStepReport, CollectArgs } from './commands';
import { deferred, openSocket, startHeartbeat, within, type Deferred } from './sockets';

const HANDSHAKE_TIMEOUT_MS = 30_000;
const WATCH_TIMEOUT_MS = 120_000;

type Created = Extract<RelayToConsole, { type: 'message.created' }>;

interface Agent {
  ws: WebSocket;
  welcome: Deferred<void>;
  synced: number;
}

/** Arrival times are kept (a growing Float64Array) so the in-window count can be taken afterwards. */
class StepDeliveries {
  readonly latency = new Histogram();
  private arrivals = new Float64Array(4096);
  count = 0;

  record(arrivalMicros: number, sentAtMicros: number): void {
    if (this.count === this.arrivals.length) {
      const grown = new Float64Array(this.arrivals.length * 2);
      grown.set(this.arrivals);
      this.arrivals = grown;
    }
    this.arrivals[this.count++] = arrivalMicros;
    this.latency.record(arrivalMicros - sentAtMicros);
  }

  countUntil(endMicros: number): number {
    let inWindow = 0;
    for (let i = 0; i < this.count; i++) if (this.arrivals[i]! <= endMicros) inWindow++;
    return inWindow;
  }
}

export class AgentFleet {
  private readonly agents: Agent[] = [];
  private readonly steps = new Map<number, StepDeliveries>();
  /** Steps already reported: their stragglers are not counted anywhere. */
  private collectedUpTo = 0;
  private errors = 0;
  private closes: Record<string, number> = {};
  private closing = false;
  private stopHeartbeat: () => void = () => {};

  constructor(private readonly options: AgentFleetOptions) {}

  async open(): Promise<void> {
    const { url, origin, cookie, count } = this.options;
    for (let index = 0; index < count; index++) {
      const ws = await openSocket(url, { origin, ...(cookie ? { cookie } : {}) });
      const agent: Agent = { ws, welcome: deferred(), synced: 0 };
      this.agents.push(agent);
      ws.on('message', (data: Buffer) => this.onFrame(agent, data));
      ws.on('close', (code) => {
        if (!this.closing) this.closes[code] = (this.closes[code] ?? 0) + 1;
        agent.welcome.reject(new Error(`closed ${code} before welcome`));
      });
      ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION } satisfies ConsoleToRelay));
      await within(agent.welcome.promise, HANDSHAKE_TIMEOUT_MS, 'agent welcome');
    }
    this.stopHeartbeat = startHeartbeat(() => this.agents.map((agent) => agent.ws));
  }

  /** Agent i watches conversationIds[i]; resolves when every watch was answered with its sync. */
  async watch(conversationIds: string[][]): Promise<void> {
    const deadline = Date.now() + WATCH_TIMEOUT_MS;
    await Promise.all(
      this.agents.map(async (agent, index) => {
        const ids = conversationIds[index] ?? [];
        agent.synced = 0;
        for (const conversationId of ids) {
          // afterSeq 1: the opening message is already known, so the sync stays small.
          agent.ws.send(JSON.stringify({ type: 'conversation.watch', conversationId, afterSeq: 1 } satisfies ConsoleToRelay));
        }
        while (agent.synced < ids.length) {
          if (Date.now() > deadline) throw new Error(`agent ${index}: ${agent.synced} of ${ids.length} watches answered`);
          await sleep(20);
        }
      }),
    );
  }

  async collect(args: CollectArgs): Promise<AgentStepReport> {
    const until = Date.now() + args.waitMs;
    const deliveries = () => this.steps.get(args.step)?.count ?? 0;
    while (deliveries() < args.expected && Date.now() < until) await sleep(10);
    const step = this.steps.get(args.step) ?? new StepDeliveries();
    this.steps.delete(args.step);
    this.collectedUpTo = Math.max(this.collectedUpTo, args.step);
    const errors = this.errors;
    this.errors = 0;
    const closes = this.closes;
    this.closes = {};
    return {
      closes,
      delivered: step.count,
      deliveredInWindow: step.countUntil(args.windowEndMicros),
      errors,
      latency: step.latency.toData(),
    };
  }

  close(): void {
    this.closing = true;
    this.stopHeartbeat();
    for (const agent of this.agents) agent.ws.terminate();
    this.agents.length = 0;
  }

  private onFrame(agent: Agent, data: Buffer): void {
    const now = nowMicros();
    const text = data.toString();
    if (text.includes('"type":"conversation.updated"') || text.includes('"type":"pong"')) return;
    let clientId: string | null = null;
    if (this.options.dialect === 'parley') {
      if (text.includes('"type":"message.created"')) clientId = (JSON.parse(text) as Created).message.clientId;
      else if (text.includes('"type":"conversation.synced"')) agent.synced++;
      else if (text.includes('"type":"welcome"')) agent.welcome.resolve();
      else if (text.includes('"type":"error"')) {
        // The first few are shown: an agent error means the benchmark itself is wrong.
        if (this.errors++ < 5) process.stderr.write(`bench agent got an error frame: ${text}\n`);
      }
    } else if (text.includes('"type":"message.send"')) {
      // The bare server forwards the visitor's frame as it came.
      clientId = (JSON.parse(text) as { clientId: string }).clientId;
    } else if (text.includes('"type":"welcome"')) {
      agent.welcome.resolve();
    }
    if (clientId === null) return;
    const id = decodeClientId(clientId);
    if (!id || id.step === 0 || id.step <= this.collectedUpTo) return;
    let step = this.steps.get(id.step);
    if (!step) this.steps.set(id.step, (step = new StepDeliveries()));
    step.record(now, id.sentAtMicros);
  }
}

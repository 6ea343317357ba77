/**
 * What the orchestrator asks of a generator process over IPC, and what comes back. One table, so
 * both sides are typed by it.
 */
import type { HistogramData } from '../histogram';

/** `parley` speaks the wire protocol; `bare` talks to the bare ws ceiling server (no acks, no watches). */
export type Dialect = 'parley' | 'bare';

export interface VisitorFleetOptions {
  /** Visitor sockets are spread over these URLs round-robin (several relay nodes). */
  urls: string[];
  origin: string;
  count: number;
  dialect: Dialect;
  /** Goes into every clientId, so messages of different workers never collide. */
  worker: number;
}

export interface StepArgs {
  step: number;
  /** Messages per second from this worker. */
  rate: number;
  durationMs: number;
  drainMs: number;
}

export interface LatencySummary {
  buckets: HistogramData;
  maxMicros: number;
}

export interface VisitorStepReport {
  sent: number;
  /** Sends skipped because a socket's backlog was already beyond any sane latency. */
  skipped: number;
  acked: number;
  /** Acks that arrived within the sending window (the rest came during the drain). */
  ackedInWindow: number;
  errors: number;
  errorCodes: Record<string, number>;
  ackLatency: LatencySummary;
  /** Sockets the server closed since the last step, by close code. */
  closes: Record<string, number>;
  windowStartMicros: number;
  windowEndMicros: number;
}

export interface AgentFleetOptions {
  url: string;
  origin: string;
  cookie?: string;
  count: number;
  dialect: Dialect;
}

export interface CollectArgs {
  step: number;
  windowEndMicros: number;
  /** How many deliveries to wait for (the acked count), at most `waitMs`. */
  expected: number;
  waitMs: number;
}

export interface AgentStepReport {
  delivered: number;
  deliveredInWindow: number;
  errors: number;
  latency: LatencySummary;
  /** Sockets the server closed since the last collect, by close code. */
  closes: Record<string, number>;
}

export interface IdleOpenArgs {
  urls: string[];
  origin: string;
  count: number;
  dialect: Dialect;
  /** Handshakes in flight at once from this process. */
  concurrency: number;
  deadlineMs: number;
}

export interface IdleOpenReport {
  welcomed: number;
  failed: number;
  failures: string[];
}

export interface IdleStatus {
  open: number;
  closeCodes: Record<string, number>;
}

export interface Commands {
  'visitors.open': { args: VisitorFleetOptions; result: void };
  'visitors.start-conversations': { args: Record<string, never>; result: string[] };
  'visitors.step': { args: StepArgs; result: VisitorStepReport };
  'agents.open': { args: AgentFleetOptions; result: void };
  'agents.watch': { args: { conversationIds: string[][] }; result: void };
  'agents.collect': { args: CollectArgs; result: AgentStepReport };
  'idle.open': { args: IdleOpenArgs; result: IdleOpenReport };
  'idle.status': { args: Record<string, never>; result: IdleStatus };
  close: { args: Record<string, never>; result: void };
}

export type CommandName = keyof Commands;

export interface Request<K extends CommandName = CommandName> {
  id: number;
  cmd: K;
  args: Commands[K]['args'];
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * The visitors of a load test, in one generator process: each socket says hello, starts its own
 * conversation, then sends on the pacer's schedule. Acks are timed from the send time carried in
 * the clientId. Frames the measurement does not need (the message.created echo, pongs) are
 * recognised by a substring and never parsed, to keep the generator cheap.
 */
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import type { RelayToWidget, WidgetToRelay } from '@parley/protocol';
import type WebSocket from 'ws';
import { decodeClientId, encodeClientId } from '../bench-client-id';
import { nowMicros, sleep } from '../clock';
import { Histogram } from '../histogram';
import type { StepArgs, VisitorFleetOptions, VisitorStepReport } from './commands';
import { pace } from './pacer';
import { deferred, forEachLimited, openSocket, startHeartbeat, within, type Deferred } from './sockets';

const CONNECT_CONCURRENCY = 50;
const HANDSHAKE_TIMEOUT_MS = 30_000;
const STARTER_RETRIES = 5;
/** A socket with this much unsent data is hopelessly behind; further sends would only grow memory. */
const MAX_BUFFERED_BYTES = 1 << 20;
const BODY = 'Benchmark message: is the Trailhead 2 tent waterproof in heavy rain, and does it fit two?';

type Ack = Extract<RelayToWidget, { type: 'message.ack' }>;
type ErrorFrame = Extract<RelayToWidget, { type: 'error' }>;

interface Visitor {
  ws: WebSocket;
  conversationId: string;
  welcome: Deferred<void>;
  welcomed: boolean;
  /** Set while the conversation-starting message waits for its ack. */
  starter: Deferred<string> | null;
}

class StepStats {
  acked = 0;
  ackedInWindow = 0;
  errors = 0;
  readonly errorCodes: Record<string, number> = {};
  readonly ackLatency = new Histogram();
  constructor(
    readonly step: number,
    readonly windowEndMicros: number,
  ) {}
}

export class VisitorFleet {
  private readonly visitors: Visitor[] = [];
  private stats: StepStats | null = null;
  private closes: Record<string, number> = {};
  private closing = false;
  private stopHeartbeat: () => void = () => {};

  constructor(private readonly options: VisitorFleetOptions) {}

  async open(): Promise<void> {
    const { urls, origin, count, dialect } = this.options;
    await forEachLimited(count, CONNECT_CONCURRENCY, async (index) => {
      const ws = await openSocket(urls[index % urls.length]!, { origin });
      // The bare server needs no conversation; an id is made up so frames have the same shape.
      const visitor: Visitor = { ws, conversationId: dialect === 'bare' ? randomUUID() : '', welcome: deferred(), welcomed: false, starter: null };
      this.visitors.push(visitor);
      ws.on('message', (data: Buffer) => this.onFrame(visitor, data));
      ws.on('close', (code) => {
        if (!this.closing) this.closes[code] = (this.closes[code] ?? 0) + 1;
        visitor.welcome.reject(new Error(`closed ${code} before welcome`));
      });
      ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION } satisfies WidgetToRelay));
      await within(visitor.welcome.promise, HANDSHAKE_TIMEOUT_MS, 'visitor welcome');
    });
    this.stopHeartbeat = startHeartbeat(() => this.visitors.map((visitor) => visitor.ws));
  }

  /** Every visitor sends the message that opens its conversation; resolves with the conversation ids. */
  async startConversations(): Promise<string[]> {
    let counter = 0;
    await forEachLimited(this.visitors.length, CONNECT_CONCURRENCY, async (index) => {
      const visitor = this.visitors[index]!;
      const clientId = encodeClientId(0, this.options.worker, counter++, nowMicros());
      // A retryable refusal (storage slow to answer on a loaded machine) is resent with the same
      // clientId, as a real client does; anything else fails the setup.
      for (let attempt = 0; ; attempt++) {
        visitor.starter = deferred();
        visitor.ws.send(JSON.stringify({ type: 'message.send', clientId, body: 'Hello, I have a question.' } satisfies WidgetToRelay));
        try {
          visitor.conversationId = await within(visitor.starter.promise, HANDSHAKE_TIMEOUT_MS, 'ack of the first message');
          break;
        } catch (error) {
          if (attempt >= STARTER_RETRIES || !/refused: (unavailable|rate_limited) /.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        }
      }
      visitor.starter = null;
    });
    return this.visitors.map((visitor) => visitor.conversationId);
  }

  async step(args: StepArgs): Promise<VisitorStepReport> {
    const startMicros = nowMicros();
    const stats = new StepStats(args.step, startMicros + args.durationMs * 1000);
    this.stats = stats;
    let skipped = 0;
    const visitors = this.visitors;
    const paced = await pace(args.rate, args.durationMs, (n) => {
      const visitor = visitors[n % visitors.length]!;
      if (visitor.ws.readyState !== visitor.ws.OPEN || visitor.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        skipped++;
        return;
      }
      const clientId = encodeClientId(args.step, this.options.worker, n, nowMicros());
      const frame: WidgetToRelay = { type: 'message.send', conversationId: visitor.conversationId, clientId, body: BODY };
      visitor.ws.send(JSON.stringify(frame));
    });
    const sent = paced.sent - skipped;
    // The bare server sends no acks: its figures come from the agents alone.
    if (this.options.dialect === 'parley') {
      const drainUntil = Date.now() + args.drainMs;
      while (stats.acked + stats.errors < sent && Date.now() < drainUntil) await sleep(10);
    }
    const closes = this.closes;
    this.closes = {};
    return {
      sent,
      skipped,
      closes,
      acked: stats.acked,
      ackedInWindow: stats.ackedInWindow,
      errors: stats.errors,
      errorCodes: stats.errorCodes,
      ackLatency: stats.ackLatency.toData(),
      windowStartMicros: paced.startMicros,
      windowEndMicros: paced.endMicros,
    };
  }

  close(): void {
    this.closing = true;
    this.stopHeartbeat();
    for (const visitor of this.visitors) visitor.ws.terminate();
    this.visitors.length = 0;
  }

  private onFrame(visitor: Visitor, data: Buffer): void {
    const text = data.toString();
    if (text.includes('"type":"message.ack"')) {
      const ack = JSON.parse(text) as Ack;
      if (visitor.starter) {
        visitor.starter.resolve(ack.conversationId);
        return;
      }
      const id = decodeClientId(ack.clientId);
      const stats = this.stats;
      if (!id || !stats || id.step !== stats.step) return;
      const now = nowMicros();
      stats.acked++;
      if (now <= stats.windowEndMicros) stats.ackedInWindow++;
      stats.ackLatency.record(now - id.sentAtMicros);
    } else if (text.includes('"type":"welcome"')) {
      visitor.welcomed = true;
      visitor.welcome.resolve();
    } else if (text.includes('"type":"error"')) {
      const error = JSON.parse(text) as ErrorFrame;
      if (!visitor.welcomed) {
        visitor.welcome.reject(new Error(`hello refused: ${error.code} ${error.message}`));
        return;
      }
      if (visitor.starter) {
        visitor.starter.reject(new Error(`first message refused: ${error.code} ${error.message}`));
        return;
      }
      const stats = this.stats;
      const id = error.ref ? decodeClientId(error.ref) : null;
      if (!stats || (id && id.step !== stats.step)) return;
      stats.errors++;
      stats.errorCodes[error.code] = (stats.errorCodes[error.code] ?? 0) + 1;
    }
  }
}

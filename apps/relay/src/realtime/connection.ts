/**
 * What visitor and agent sockets share: parse every frame (typed error, never a crash), handle
 * one frame at a time in arrival order (so a socket's messages get seqs in the order sent), the
 * hello gate, heartbeat bookkeeping, and delivery of bus events.
 */
import { randomUUID } from 'node:crypto';
import {
  CLOSE_SLOW_CONSUMER,
  errorFrame,
  ERRORS,
  type ErrorCode,
  type RelayToConsole,
  type RelayToWidget,
} from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { isStorageUnavailable } from '../chat/storage-errors';
import { ParleyError } from '../parley-error';
import type { BusEvent } from './bus-events';
import type { FrameLimits } from './frame-limits';
import type { FrameParser } from './frame-parser';
import type { HubMember } from './hub';
import { batchWrites } from './write-batching';

type OutFrame = RelayToWidget | RelayToConsole;

/**
 * A socket whose unsent backlog passes this is closed (CLOSE_SLOW_CONSUMER): server memory stays
 * bounded however slowly a client reads, and the client resumes from storage when it reconnects.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface ConnectionOptions<In> {
  parser: FrameParser<In>;
  limits: FrameLimits;
  /** The client's IP for the per-IP flood budget; null where that budget does not apply (agents). */
  ip: string | null;
  log: FastifyBaseLogger;
}

export abstract class Connection<In extends { type: string }> implements HubMember {
  readonly id = randomUUID();
  lastSeenAt = Date.now();
  protected ready = false;
  private closed = false;
  private draining = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly parser: FrameParser<In>;
  private readonly limits: FrameLimits;
  private readonly ip: string | null;
  protected readonly log: FastifyBaseLogger;
  /** The highest seq this socket was sent per conversation: where a catch-up starts. */
  protected readonly deliveredSeq = new Map<string, number>();

  constructor(
    protected readonly socket: WebSocket,
    options: ConnectionOptions<In>,
  ) {
    this.parser = options.parser;
    this.limits = options.limits;
    this.ip = options.ip;
    this.log = options.log;
    socket.on('message', (data, isBinary) => this.onRaw(data as Buffer, isBinary));
    socket.on('close', () => {
      this.closed = true;
      this.onClosed();
    });
    socket.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  send(frame: OutFrame): void {
    this.noteDelivered(frame);
    this.sendJson(JSON.stringify(frame));
  }

  sendJson(json: string): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ buffered: this.socket.bufferedAmount }, 'closing a socket that fell behind');
      this.close(CLOSE_SLOW_CONSUMER, 'fell behind');
      return;
    }
    batchWrites(this.socket);
    this.socket.send(json);
  }

  sendError(code: ErrorCode, detail?: string, ref?: string): void {
    this.send(errorFrame(code, detail, ref));
  }

  /** Sends the error, then closes with the registry's close code. */
  fail(code: ErrorCode, detail?: string): void {
    this.sendError(code, detail);
    this.close((ERRORS[code] as { closeCode?: number }).closeCode ?? 1008, code);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  receive(event: BusEvent, frameJson: string | null): void {
    if (event.kind === 'frame' && frameJson !== null) {
      if (!this.ready) return;
      this.noteDelivered(event.frame);
      this.sendJson(frameJson);
      return;
    }
    this.onControl(event);
  }

  private noteDelivered(frame: OutFrame): void {
    let conversationId: string | undefined;
    let seq = 0;
    if (frame.type === 'message.created') {
      conversationId = frame.message.conversationId;
      seq = frame.message.seq;
    } else if (frame.type === 'conversation.synced') {
      conversationId = frame.conversation.id;
      seq = frame.messages.at(-1)?.seq ?? 0;
    }
    if (conversationId && seq > (this.deliveredSeq.get(conversationId) ?? 0)) this.deliveredSeq.set(conversationId, seq);
  }

  private onRaw(data: Buffer, isBinary: boolean): void {
    this.lastSeenAt = Date.now();
    const result = this.parser.parse(data, isBinary);
    if (!result.ok) {
      this.sendError(result.code, result.detail, result.ref);
      return;
    }
    const frame = result.frame;
    if (this.draining) {
      // Not handled, so not acked: the client resends it to the node it reconnects to.
      this.sendError('unavailable', 'the relay is restarting', refOf(frame));
      return;
    }
    // One frame at a time: the next starts when this one is answered, so order is kept.
    this.queue = this.queue.then(async () => {
      // Queued behind others when the drain began: refused like a frame arriving now, so a socket
      // with a long backlog does not hold the deploy up for one commit per queued frame. Only
      // the frame being handled is finished; the client resends the rest, in order, elsewhere.
      if (this.draining) return this.sendError('unavailable', 'the relay is restarting', refOf(frame));
      if (await this.limits.allow(this.id, this.ip).catch(() => true)) await this.dispatch(frame);
      else this.sendError('rate_limited', undefined, refOf(frame));
    });
  }

  /**
   * For a graceful stop: refuse new and still-queued frames, finish the one being handled (its
   * ack goes out), then close with CLOSE_RELAY_RESTARTING so the client reconnects to another node.
   */
  async drainAndClose(code: number, reason: string): Promise<void> {
    this.draining = true;
    await this.queue;
    this.close(code, reason);
  }

  private async dispatch(frame: In): Promise<void> {
    if (this.closed) return;
    try {
      if (frame.type === 'ping') {
        this.send({ type: 'pong', ...(typeof (frame as { ts?: number }).ts === 'number' ? { ts: (frame as { ts?: number }).ts } : {}) });
      } else if (frame.type === 'hello') {
        if (this.ready) throw new ParleyError('invalid_frame', 'hello was already received on this socket');
        await this.onHello(frame);
      } else if (!this.ready) {
        this.sendError('hello_required', undefined, frame.type);
      } else {
        await this.onFrame(frame);
      }
    } catch (error) {
      this.reportFailure(error, frame);
    }
  }

  private reportFailure(error: unknown, frame: In): void {
    const ref = refOf(frame);
    if (error instanceof ParleyError) {
      if ((ERRORS[error.code] as { closeCode?: number }).closeCode) this.fail(error.code, error.detail);
      else this.sendError(error.code, error.detail, error.ref ?? ref);
    } else if (isStorageUnavailable(error)) {
      this.log.warn({ err: error, frame: frame.type }, 'storage unavailable');
      this.sendError('unavailable', undefined, ref);
    } else {
      this.log.error({ err: error, frame: frame.type }, 'frame handler failed');
      this.sendError('internal', undefined, ref);
    }
    // A frame that brings a view up to date (hello with its catch-up, watch, resume) failed for
    // a reason that may pass: the view is now behind and nothing tells the client. Close with
    // 1011 (not a final code) so it reconnects with backoff and its hello resumes everything.
    if (!(error instanceof ParleyError) && SYNC_FRAMES.has(frame.type)) this.close(CLOSE_RETRY_SYNC, 'catch-up failed');
  }

  /** After a bus outage: replay what may have been missed; if that fails, make the client resume. */
  async recover(): Promise<void> {
    try {
      await this.catchUp();
    } catch (error) {
      this.log.warn({ err: error }, 'catch-up after bus recovery failed; closing so the client resumes');
      this.close(CLOSE_RETRY_SYNC, 'catch-up failed');
    }
  }

  protected abstract onHello(frame: Extract<In, { type: 'hello' }> | In): Promise<void>;
  protected abstract onFrame(frame: In): Promise<void>;
  protected abstract onClosed(): void;
  /** After a bus outage: send what may have been missed, from Postgres. */
  abstract catchUp(): Promise<void>;
  protected onControl(_event: BusEvent): void {}
}

/** Frames whose failure leaves a view behind; see reportFailure. */
const SYNC_FRAMES = new Set(['hello', 'resume', 'conversation.watch']);
/** 1011 (internal error): reconnect and resume. */
const CLOSE_RETRY_SYNC = 1011;

/** What an error about this frame points at: the message's clientId, else its conversation, else the frame type. */
function refOf(frame: { type: string }): string {
  const { clientId, conversationId } = frame as { clientId?: unknown; conversationId?: unknown };
  if (typeof clientId === 'string') return clientId;
  return typeof conversationId === 'string' ? conversationId : frame.type;
}

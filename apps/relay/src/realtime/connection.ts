/**
 * What visitor and agent sockets share: parse every frame (typed error, never a crash), handle
 * one frame at a time in arrival order (so a socket's messages get seqs in the order sent), the
 * hello gate, heartbeat bookkeeping, and delivery of bus events.
 */
import { randomUUID } from 'node:crypto';
import { errorFrame, ERRORS, type ErrorCode, type RelayToConsole, type RelayToWidget } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { isStorageUnavailable } from '../chat/storage-errors';
import { ParleyError } from '../parley-error';
import type { BusEvent } from './bus-events';
import type { FrameParser } from './frame-parser';
import type { HubMember } from './hub';

type OutFrame = RelayToWidget | RelayToConsole;

export abstract class Connection<In extends { type: string }> implements HubMember {
  readonly id = randomUUID();
  lastSeenAt = Date.now();
  protected ready = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  /** The highest seq this socket was sent per conversation: where a catch-up starts. */
  protected readonly deliveredSeq = new Map<string, number>();

  constructor(
    protected readonly socket: WebSocket,
    private readonly parser: FrameParser<In>,
    protected readonly log: FastifyBaseLogger,
  ) {
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
    if (this.isOpen) this.socket.send(json);
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
    // One frame at a time: the next starts when this one is answered, so order is kept.
    this.queue = this.queue.then(() => this.dispatch(frame));
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
    const clientId = (frame as { clientId?: unknown }).clientId;
    const ref = typeof clientId === 'string' ? clientId : frame.type;
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
    // A socket whose hello failed has no session to go on with: close it (1011, not one of the
    // final codes) so the client reconnects with backoff instead of waiting on a silent socket.
    if (frame.type === 'hello' && !this.ready) this.close(1011, 'hello failed');
  }

  protected abstract onHello(frame: Extract<In, { type: 'hello' }> | In): Promise<void>;
  protected abstract onFrame(frame: In): Promise<void>;
  protected abstract onClosed(): void;
  /** After a bus outage: send what may have been missed, from Postgres. */
  abstract catchUp(): Promise<void>;
  protected onControl(_event: BusEvent): void {}
}

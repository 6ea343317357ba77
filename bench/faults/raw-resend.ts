/**
 * A duplicate `message.send` on a raw socket of its own: the same clientId, conversation and body
 * as a message the relay already acknowledged, sent twice back to back. The relay must answer
 * both with the first row's id and seq (and store nothing; the final comparison counts rows).
 */
import { isRetryable, PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol';
import WebSocket from 'ws';
import type { AckRecord } from './client-record';
import { sleep } from './waiting';

export interface ResendTarget {
  wsUrl: string;
  side: 'visitor' | 'agent';
  headers: Record<string, string>;
  siteKey: string;
  /** The visitor's token (visitor side). */
  token?: string;
  clientId: string;
  body: string;
  ack: AckRecord;
}

export interface ResendCheck {
  clientId: string;
  conversationId: string;
  expected: { id: string; seq: number };
  /** Every ack the resends got, in order. */
  answers: Array<{ id: string; seq: number }>;
  /** Non-retryable errors the resends got: a resend of a stored message must never be refused. */
  refusals: string[];
  /** Why no comparison was possible (node gone, timed out); such a check proves nothing either way. */
  incomplete?: string;
  at: number;
}

type Frame = { type: string } & Record<string, unknown>;

const ANSWER_TIMEOUT_MS = 10_000;
const COPIES = 2;

export async function resendAcked(target: ResendTarget): Promise<ResendCheck> {
  const { ack, clientId } = target;
  const check: ResendCheck = {
    clientId,
    conversationId: ack.conversationId,
    expected: { id: ack.id, seq: ack.seq },
    answers: [],
    refusals: [],
    at: Date.now(),
  };
  const path = target.side === 'visitor' ? `${WS_PATHS.widget}?siteKey=${encodeURIComponent(target.siteKey)}` : WS_PATHS.console;
  const socket = new WebSocket(`${target.wsUrl}${path}`, { headers: target.headers });
  const frames: Frame[] = [];
  let closed = false;
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  socket.on('error', () => {});
  socket.on('close', () => (closed = true));
  const send = (frame: object) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(frame));
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  const until = async (check: () => boolean) => {
    while (!check() && !closed && Date.now() < deadline) await sleep(10);
    return check();
  };

  try {
    await until(() => socket.readyState === WebSocket.OPEN);
    if (socket.readyState !== WebSocket.OPEN) return { ...check, incomplete: 'socket did not open' };
    send({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      ...(target.token ? { token: target.token } : {}),
      // Only what came after the original: the catch-up stays small.
      resume: target.side === 'visitor' ? { [ack.conversationId]: ack.seq } : {},
    });
    if (!(await until(() => frames.some((frame) => frame.type === 'welcome')))) {
      return { ...check, incomplete: 'no welcome' };
    }
    const resend = { type: 'message.send', conversationId: ack.conversationId, clientId, body: target.body };
    let outstanding = COPIES;
    for (let i = 0; i < COPIES; i++) send(resend);
    let seen = 0;
    while (outstanding > 0) {
      if (!(await until(() => frames.length > seen))) return { ...check, incomplete: `${outstanding} resend(s) unanswered` };
      const frame = frames[seen++]!;
      if (frame.type === 'message.ack' && frame.clientId === clientId) {
        check.answers.push({ id: String(frame.id), seq: Number(frame.seq) });
        outstanding--;
      } else if (frame.type === 'error' && frame.ref === clientId) {
        if (isRetryable(String(frame.code))) {
          // Storage briefly away, or throttled: the same frame again, as a client would.
          await sleep(200);
          send(resend);
        } else {
          check.refusals.push(String(frame.code));
          outstanding--;
        }
      }
    }
    return check;
  } finally {
    socket.terminate();
  }
}

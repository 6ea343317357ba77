/**
 * Names what each error frame a client gets was about, so the report can say "internal on agent
 * conversation.watch" rather than just "internal": the ref is a pending message's clientId, a
 * frame type, or a conversation id, and a `hello` error means something else after the welcome.
 */
import type { ErrorFrame } from '@parley/protocol';
import type { ClientRecord } from './client-record';

export type ErrorSink = (error: { code: string; subject: string; label: string }) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The handlers a simulated client wires to its realtime client's onState, 'welcome' and 'error'. */
export interface ErrorObserver {
  state(state: string): void;
  welcome(): void;
  error(frame: ErrorFrame): void;
}

export function observeErrors(side: 'visitor' | 'agent', record: ClientRecord, sink: ErrorSink): ErrorObserver {
  let welcomed = false;
  return {
    state(state) {
      if (state !== 'open') welcomed = false;
    },
    welcome() {
      welcomed = true;
    },
    error(frame) {
      const ref = frame.ref ?? '(no ref)';
      let about: string;
      if (record.sent.has(ref)) about = 'message.send';
      else if (UUID.test(ref)) about = 'a conversation id';
      else if (ref === 'hello') about = welcomed ? 'hello, after the welcome' : 'hello, before the welcome';
      else about = ref;
      sink({ code: frame.code, subject: `${side} ${about}`, label: record.label });
    },
  };
}

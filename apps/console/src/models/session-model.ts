import { signal, type ReadonlySignal } from '@preact/signals';
import type { AgentProfile } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError, type Api } from '../api';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

export interface SessionModel {
  readonly agent: ReadonlySignal<AgentProfile | null>;
  readonly status: ReadonlySignal<SessionStatus>;
  /** What to tell the agent on the login page (a refused sign-in, an ended session); null for nothing. */
  readonly error: ReadonlySignal<string | null>;
  /** A sign-in is on its way. */
  readonly busy: ReadonlySignal<boolean>;
  /** Asks the relay who the cookie belongs to (on page load). */
  restore(): Promise<void>;
  /** Resolves true when signed in; on refusal the reason is in `error`. */
  signIn(email: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** The relay ended this session (socket said session_ended/unauthorized): back to the login page. */
  expire(message?: string): void;
  /** Re-checks the cookie and expires the session if the relay no longer accepts it. */
  verify(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : ERRORS.internal.message;
}

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

export function createSessionModel(api: Api): SessionModel {
  const agent = signal<AgentProfile | null>(null);
  const status = signal<SessionStatus>('loading');
  const error = signal<string | null>(null);
  const busy = signal(false);

  function signedOut(message: string | null): void {
    agent.value = null;
    status.value = 'signed-out';
    error.value = message;
  }

  function signedIn(profile: AgentProfile): void {
    agent.value = profile;
    status.value = 'signed-in';
    error.value = null;
  }

  return {
    agent,
    status,
    error,
    busy,
    async restore() {
      status.value = 'loading';
      try {
        signedIn((await api.me()).agent);
      } catch (caught) {
        // No session yet is the ordinary case on a fresh browser, not an error to show.
        signedOut(isUnauthorized(caught) ? null : messageOf(caught));
      }
    },
    async signIn(email, password) {
      if (busy.value) return false;
      busy.value = true;
      error.value = null;
      try {
        signedIn((await api.login({ email: email.trim(), password })).agent);
        return true;
      } catch (caught) {
        signedOut(messageOf(caught));
        return false;
      } finally {
        busy.value = false;
      }
    },
    async signOut() {
      try {
        await api.logout();
      } catch {
        // The agent asked to leave; if the relay did not hear it, the cookie still expires on its own.
      }
      signedOut(null);
    },
    expire(message = ERRORS.session_ended.message) {
      if (status.value === 'signed-out') return;
      signedOut(message);
    },
    async verify() {
      if (status.value !== 'signed-in') return;
      try {
        await api.me();
      } catch (caught) {
        if (isUnauthorized(caught)) signedOut(ERRORS.session_ended.message);
      }
    },
  };
}

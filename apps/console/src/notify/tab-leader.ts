/**
 * One leader among the console tabs of a browser, so a new conversation rings once however many
 * tabs are open. Tabs talk over a BroadcastChannel: the leader sends a heartbeat; a tab that
 * hears none for LEADER_TIMEOUT_MS (or hears the leader resign) calls an election, collects the
 * candidates for ELECTION_MS and the lowest id wins. Every tab hears the same candidates, so they
 * agree without a second round. Each leadership has a term (as in Raft): a tab that claims the
 * lead takes a higher term, so two leaders that meet settle on the higher term, then the lower id.
 */

/** The part of BroadcastChannel this module uses, so tests can pass an in-memory one. */
export interface TabChannel {
  postMessage(message: unknown): void;
  /** Every message other tabs post; one listener per channel. */
  listen(handler: (data: unknown) => void): void;
  /** Stops listening for good. */
  close(): void;
}

export interface TabLeaderTimers {
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(handler: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const HEARTBEAT_MS = 1_000;
export const LEADER_TIMEOUT_MS = 3_500;
export const ELECTION_MS = 250;

type Signal = { kind: 'heartbeat' | 'candidate' | 'resign'; id: string; term: number };

function isSignal(value: unknown): value is Signal {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, id, term } = value as Record<string, unknown>;
  return (
    (kind === 'heartbeat' || kind === 'candidate' || kind === 'resign') &&
    typeof id === 'string' &&
    typeof term === 'number'
  );
}

export interface TabLeader {
  readonly id: string;
  isLeader(): boolean;
  /**
   * Leads from now on (the tab the agent is looking at claims it when it becomes visible, so
   * the leader's own visibility says whether the agent sees any console tab).
   */
  claim(): void;
  onChange(handler: (leader: boolean) => void): () => void;
  /** Resigns (so another tab takes over at once) and closes the channel. */
  dispose(): void;
}

export interface TabLeaderOptions {
  /** Null when the browser has no BroadcastChannel: the tab is then alone and leads. */
  channel: TabChannel | null;
  id: string;
  timers?: TabLeaderTimers;
}

const globalTimers: TabLeaderTimers = {
  setTimeout: (handler, ms) => setTimeout(handler, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (handler, ms) => setInterval(handler, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function createTabLeader({ channel, id, timers = globalTimers }: TabLeaderOptions): TabLeader {
  const handlers = new Set<(leader: boolean) => void>();
  let leader = false;
  let disposed = false;
  let heartbeat: unknown;
  let watchdog: unknown;
  let election: unknown;
  let candidates: Set<string> | null = null;
  // Another tab's heartbeat arrived within LEADER_TIMEOUT_MS.
  let leaderAlive = false;
  // The highest leadership term seen.
  let term = 0;

  const post = (kind: Signal['kind']) => channel?.postMessage({ kind, id, term } satisfies Signal);

  function setLeader(next: boolean): void {
    if (leader === next) return;
    leader = next;
    timers.clearInterval(heartbeat);
    heartbeat = undefined;
    if (next) {
      timers.clearTimeout(watchdog);
      heartbeat = timers.setInterval(() => post('heartbeat'), HEARTBEAT_MS);
      post('heartbeat');
    } else {
      armWatchdog();
    }
    for (const handler of [...handlers]) handler(next);
  }

  function armWatchdog(): void {
    timers.clearTimeout(watchdog);
    watchdog = timers.setTimeout(() => {
      leaderAlive = false;
      startElection();
    }, LEADER_TIMEOUT_MS);
  }

  function startElection(): void {
    if (disposed || leader || candidates) return;
    candidates = new Set([id]);
    post('candidate');
    election = timers.setTimeout(() => {
      const lowest = [...(candidates ?? [id])].sort()[0];
      candidates = null;
      if (lowest === id) {
        term++;
        setLeader(true);
      }
      // Someone else won: their heartbeat arrives, or the watchdog calls the next election.
      else armWatchdog();
    }, ELECTION_MS);
  }

  function followLeader(): void {
    leaderAlive = true;
    if (candidates) {
      timers.clearTimeout(election);
      candidates = null;
    }
    armWatchdog();
  }

  function receive(data: unknown): void {
    if (disposed || !isSignal(data) || data.id === id) return;
    const ourTerm = term;
    term = Math.max(term, data.term);
    switch (data.kind) {
      case 'heartbeat':
        if (leader) {
          // Two leaders: the higher term keeps it, then the lower id.
          const theyWin = data.term > ourTerm || (data.term === ourTerm && data.id < id);
          if (!theyWin) {
            post('heartbeat');
            break;
          }
          setLeader(false);
        }
        followLeader();
        break;
      case 'candidate':
        // A newcomer: the leader answers at once so it follows instead of electing.
        if (leader) post('heartbeat');
        else if (candidates) candidates.add(data.id);
        else if (!leaderAlive) startElectionWith(data.id);
        break;
      case 'resign':
        if (!leader) {
          leaderAlive = false;
          timers.clearTimeout(watchdog);
          startElection();
        }
        break;
    }
  }

  // Another tab's election reached us between elections: join it, so we count in the same round.
  function startElectionWith(other: string): void {
    timers.clearTimeout(watchdog);
    startElection();
    candidates?.add(other);
  }

  if (!channel) {
    setLeader(true);
  } else {
    channel.listen(receive);
    startElection();
  }

  return {
    id,
    isLeader: () => leader,
    claim() {
      if (disposed) return;
      timers.clearTimeout(election);
      candidates = null;
      term++;
      if (leader) post('heartbeat');
      else setLeader(true);
    },
    onChange(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      timers.clearInterval(heartbeat);
      timers.clearTimeout(watchdog);
      timers.clearTimeout(election);
      if (leader) post('resign');
      leader = false;
      handlers.clear();
      channel?.close();
    },
  };
}

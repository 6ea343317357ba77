/** A typing.start at most this often while the visitor keeps typing (it doubles as a keep-alive). */
export const TYPING_START_INTERVAL_MS = 2000;
/** After this long without a keystroke the visitor counts as stopped. */
export const TYPING_IDLE_MS = 3000;

/**
 * Turns keystrokes into typing.start / typing.stop signals: one start per interval at most,
 * a stop after an idle pause or when the message is sent. Timers only; frames are the caller's.
 */
export class TypingSignal {
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private typing = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The visitor typed a character. */
  input(): void {
    const now = this.now();
    if (now - this.lastStartAt >= TYPING_START_INTERVAL_MS) {
      this.lastStartAt = now;
      this.typing = true;
      this.emit(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Idle, sent, or the chat went away: a stop, if a start is outstanding. */
  stop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    // The next keystroke after a stop is a new start, however soon it comes (a send is a stop).
    this.lastStartAt = Number.NEGATIVE_INFINITY;
    if (!this.typing) return;
    this.typing = false;
    this.emit(false);
  }

  /** Forgets the timers without signalling (the socket is gone anyway). */
  dispose(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.typing = false;
  }
}

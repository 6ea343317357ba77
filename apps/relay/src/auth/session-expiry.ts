/**
 * An agent socket outlives nothing: the session cookie was checked at the upgrade, so the socket
 * must also end when the session expires (sessions do not slide; SESSION_TTL_HOURS from sign-in).
 */

/** setTimeout fires at once for delays past 2^31 - 1 ms (~24.8 days); longer waits go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpired` once at `expiresAt` (at once if already past). Returns the cancel. */
export function watchSessionExpiry(expiresAt: string, onExpired: () => void, now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const left = Date.parse(expiresAt) - now();
    if (!(left > 0)) {
      timer = undefined;
      onExpired();
      return;
    }
    timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    // Never what keeps a stopping process alive.
    timer.unref?.();
  };
  check();
  return () => clearTimeout(timer);
}

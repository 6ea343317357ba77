/**
 * `window.Parley`, the only global Parley defines. Before the loader runs it is the snippet's
 * queue (calls pile up in `q`); the loader swaps in the real dispatcher and marks it `loaded`.
 */
export interface ParleyFunction {
  (...args: unknown[]): void;
  /** Calls made before the loader arrived, oldest first (each an `arguments` object). */
  q?: ArrayLike<unknown>[];
  /** Set on the real dispatcher, so a second copy of the loader leaves the page alone. */
  loaded?: true;
}

declare global {
  interface Window {
    Parley?: ParleyFunction;
  }
}

import type { TabChannel } from './tab-leader';

/**
 * In-memory BroadcastChannels for tests: a message posted on one channel reaches every other open
 * channel of the hub (never the sender), asynchronously like the real one.
 */
type End = { handler: ((data: unknown) => void) | null; severed: boolean };

export function createFakeChannelHub() {
  const open = new Set<End>();
  let posted = 0;
  return {
    /** Messages posted so far (across all channels). */
    get posted() {
      return posted;
    },
    /** A channel; `sever()` cuts it off both ways without closing it (a frozen or crashed tab). */
    channel(): TabChannel & { sever(): void } {
      const end: End = { handler: null, severed: false };
      open.add(end);
      return {
        sever() {
          end.severed = true;
        },
        postMessage(message) {
          if (end.severed) return;
          posted++;
          // Structured clone semantics: receivers get a copy.
          const copy = JSON.parse(JSON.stringify(message)) as unknown;
          for (const other of open) {
            if (other !== end && !other.severed) queueMicrotask(() => other.handler?.(copy));
          }
        },
        listen(handler) {
          end.handler = handler;
        },
        close() {
          open.delete(end);
          end.handler = null;
        },
      };
    },
  };
}

/**
 * A stand-in relay for the live preview: the widget's real chat talks to it through its
 * `createSocket` hook, so the preview runs the widget's own code paths (welcome, then
 * `site.updated` on every edit) and no visitor socket ever reaches the relay.
 */
import type { WebSocketLike } from '@parley/client';
import type { LauncherConfig, RelayToWidget, SitePublic } from '@parley/protocol';
import { PROTOCOL_VERSION } from '@parley/protocol/light';

const OPEN = 1;
const CLOSED = 3;
const PREVIEW_VISITOR = '00000000-0000-4000-8000-000000000000';

export class PreviewRelay {
  private socket: PreviewSocket | null = null;

  constructor(private site: SitePublic) {}

  /** For the chat's `createSocket`. */
  readonly connect = (): WebSocketLike => {
    this.socket = new PreviewSocket((frame) => {
      if (frame.type === 'hello') {
        this.socket?.deliver({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, visitorId: PREVIEW_VISITOR, token: 'preview', site: this.site, heartbeatMs: 25_000 });
      } else if (frame.type === 'ping') {
        this.socket?.deliver({ type: 'pong' });
      }
    });
    return this.socket;
  };

  /** An edit in the form: the chat applies it as it would an admin's change on a customer's page. */
  update(site: SitePublic, launcher: LauncherConfig): void {
    this.site = site;
    this.socket?.deliver({ type: 'site.updated', site, launcher });
  }
}

class PreviewSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;

  constructor(private readonly answer: (frame: { type: string }) => void) {
    // Opens once the client has set its handlers, like a real socket.
    queueMicrotask(() => {
      if (this.readyState !== 0) return;
      this.readyState = OPEN;
      this.onopen?.({});
    });
  }

  send(data: string): void {
    const frame = JSON.parse(data) as { type: string };
    queueMicrotask(() => this.answer(frame));
  }

  close(): void {
    this.readyState = CLOSED;
  }

  deliver(frame: RelayToWidget): void {
    if (this.readyState === OPEN) this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

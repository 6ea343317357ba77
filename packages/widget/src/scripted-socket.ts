/**
 * For the widget's DOM tests: a WebSocket the test scripts by hand (accept, receive, drop) while
 * the real realtime client drives it. Never imported by the widget itself.
 */
import type { WebSocketLike } from '@parley/client';
import type { RelayToWidget, WidgetToRelay } from '@parley/protocol';

export class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: WidgetToRelay[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url = '') {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as WidgetToRelay);
  }
  close(): void {
    this.readyState = 3;
  }
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: RelayToWidget): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  frames<T extends WidgetToRelay['type']>(type: T): Extract<WidgetToRelay, { type: T }>[] {
    return this.sent.filter((frame): frame is Extract<WidgetToRelay, { type: T }> => frame.type === type);
  }
  /** What the visitor did, without the connection's own frames (hello, page views, pings). */
  types(): string[] {
    return this.sent.map((frame) => frame.type).filter((type) => type !== 'hello' && type !== 'page.view' && type !== 'ping');
  }
}

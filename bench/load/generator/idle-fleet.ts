/**
 * Idle visitor sockets: hello, welcome, then nothing but the heartbeat. Opened with a bounded
 * number of handshakes in flight and a deadline, so a struggling server slows the ramp instead of
 * drowning in connects; failures are counted, not thrown: how many sockets it holds is the result.
 */
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import type { WidgetToRelay } from '@parley/protocol';
import WebSocket from 'ws';
import type { IdleOpenArgs, IdleOpenReport, IdleStatus } from './commands';
import { deferred, forEachLimited, openSocket, startHeartbeat, within } from './sockets';

const HANDSHAKE_TIMEOUT_MS = 30_000;
const FAILURE_SAMPLES = 5;

export class IdleFleet {
  private readonly sockets: WebSocket[] = [];
  private readonly closeCodes: Record<string, number> = {};
  private stopHeartbeat: () => void = () => {};

  async open(args: IdleOpenArgs): Promise<IdleOpenReport> {
    const report: IdleOpenReport = { welcomed: 0, failed: 0, failures: [] };
    const hello = JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION } satisfies WidgetToRelay);
    this.stopHeartbeat = startHeartbeat(() => this.sockets);
    await forEachLimited(
      args.count,
      args.concurrency,
      async (index) => {
        try {
          const ws = await openSocket(args.urls[index % args.urls.length]!, { origin: args.origin }, HANDSHAKE_TIMEOUT_MS);
          const welcome = deferred<void>();
          ws.on('message', (data: Buffer) => {
            const text = data.toString();
            if (text.includes('"type":"welcome"')) welcome.resolve();
            else if (text.includes('"type":"error"')) welcome.reject(new Error(`hello refused: ${text}`));
          });
          ws.on('close', (code) => {
            this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1;
            welcome.reject(new Error(`closed ${code} before welcome`));
          });
          ws.send(hello);
          try {
            await within(welcome.promise, HANDSHAKE_TIMEOUT_MS, 'welcome');
          } catch (error) {
            ws.terminate();
            throw error;
          }
          this.sockets.push(ws);
          report.welcomed++;
        } catch (error) {
          report.failed++;
          if (report.failures.length < FAILURE_SAMPLES) report.failures.push((error as Error).message);
        }
      },
      Date.now() + args.deadlineMs,
    );
    return report;
  }

  status(): IdleStatus {
    return { open: this.sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length, closeCodes: { ...this.closeCodes } };
  }

  close(): void {
    this.stopHeartbeat();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
  }
}

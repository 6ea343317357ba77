/**
 * The two WebSocket endpoints. The upgrade is refused with a typed HTTP error before any socket
 * exists when the site key is unknown, the Origin is foreign, or (agents) the session is missing.
 */
import websocket from '@fastify/websocket';
import { findSiteByPublicKey, type SiteRecord } from '@parley/db';
import {
  CLOSE_HEARTBEAT_TIMEOUT,
  CLOSE_RELAY_RESTARTING,
  ConsoleToRelay,
  HEARTBEAT_MS,
  WidgetToRelay,
  WS_PATHS,
} from '@parley/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findAgentSession, isConsoleOrigin } from '../auth/agent-auth';
import { ParleyError } from '../parley-error';
import { AgentConnection } from './agent-connection';
import type { Connection } from './connection';
import { createFrameLimits } from './frame-limits';
import { createFrameParser } from './frame-parser';
import { releaseUpgrade } from './release-upgrade';
import { VisitorConnection } from './visitor-connection';

/** ws closes sockets sending more than this outright (1009); below it, oversize frames get `frame_too_large`. */
const HARD_MAX_PAYLOAD = 1024 * 1024;
/** Sockets caught up at once after a bus outage (each takes a database connection). */
const RECOVERY_CONCURRENCY = 4;
const SiteQuery = Type.Object({ siteKey: Type.String({ minLength: 1, maxLength: 128 }) });

declare module 'fastify' {
  interface FastifyRequest {
    widgetSite: SiteRecord | null;
  }
}

export async function realtimeRoutes(app: FastifyInstance): Promise<void> {
  const { db, hub, messages, secret, config, redis, lifecycle, routing } = app.parley;
  const live = new Set<Connection<{ type: string }>>();
  await app.register(websocket, {
    options: { maxPayload: HARD_MAX_PAYLOAD },
    // A graceful stop: no new sockets, every socket finishes the frames it sent (acks included),
    // then is told to reconnect (to another node), and the last group commit lands before the
    // database closes.
    preClose: async function (this: FastifyInstance) {
      lifecycle.draining = true;
      await Promise.all([...live].map((connection) => connection.drainAndClose(CLOSE_RELAY_RESTARTING, 'relay restarting')));
      await messages.drain();
      await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()));
    },
  });
  const { visitorSocket, agentSocket, ip, windowSeconds } = config.frameLimits;
  const visitorLimits = createFrameLimits({ perSocket: visitorSocket, perIp: ip, windowSeconds }, redis);
  const agentLimits = createFrameLimits({ perSocket: agentSocket, perIp: 0, windowSeconds }, null);
  const refuseWhileDraining = () => {
    if (lifecycle.draining) throw new ParleyError('unavailable', 'the relay is restarting');
  };
  const forget = (connection: Connection<never>) => {
    live.delete(connection as Connection<{ type: string }>);
    hub.leaveAll(connection);
  };
  const widgetParser = createFrameParser<WidgetToRelay>(WidgetToRelay);
  const consoleParser = createFrameParser<ConsoleToRelay>(ConsoleToRelay);

  app.decorateRequest('widgetSite', null);
  // Every socket of a site holds its site record: sockets share one copy while it is unchanged
  // (read fresh at every upgrade, so a change applies to the next socket as before).
  const sites = new Map<string, SiteRecord>();
  const shareSite = (site: SiteRecord | null): SiteRecord | null => {
    if (!site) return null;
    const known = sites.get(site.id);
    if (known && JSON.stringify(known) === JSON.stringify(site)) return known;
    sites.set(site.id, site);
    return site;
  };
  // Shared by every socket of a kind: per socket only what differs is kept. The app's logger,
  // not the upgrade request's child logger, which would keep the request's bindings alive.
  const visitorDeps = {
    db,
    hub,
    messages,
    secret,
    log: app.log,
    parser: widgetParser,
    limits: visitorLimits,
    routing,
    // Read when a visitor arrives: the availability and email services are decorated after these routes.
    get availability() {
      return app.parley.availability;
    },
    get email() {
      return app.parley.email;
    },
    onClosed: forget,
  };
  const agentDeps = { db, hub, messages, log: app.log, parser: consoleParser, limits: agentLimits, routing, onClosed: forget };

  app.get(
    WS_PATHS.widget,
    {
      websocket: true,
      schema: { querystring: SiteQuery },
      preValidation: async (request: FastifyRequest<{ Querystring: { siteKey?: string } }>) => {
        refuseWhileDraining();
        const siteKey = request.query.siteKey;
        const site = siteKey ? shareSite(await findSiteByPublicKey(db, siteKey)) : null;
        if (!site) throw new ParleyError('unknown_site');
        const origin = request.headers.origin;
        if (!origin || !site.allowedOrigins.includes(origin)) throw new ParleyError('forbidden_origin', origin ?? 'no Origin header');
        request.widgetSite = site;
      },
    },
    (socket, request) => {
      const site = request.widgetSite!;
      const peer = { ip: request.ip, userAgent: request.headers['user-agent'] };
      releaseUpgrade(socket);
      const connection = new VisitorConnection(socket, site, visitorDeps, peer);
      live.add(connection as Connection<{ type: string }>);
    },
  );

  app.get(
    WS_PATHS.console,
    {
      websocket: true,
      preValidation: async (request) => {
        refuseWhileDraining();
        if (!isConsoleOrigin(app, request.headers.origin)) {
          throw new ParleyError('forbidden_origin', request.headers.origin ?? 'no Origin header');
        }
        request.agentSession = await findAgentSession(app, request);
        if (!request.agentSession) throw new ParleyError('unauthorized', 'sign in first');
      },
    },
    (socket, request) => {
      const session = request.agentSession!;
      releaseUpgrade(socket);
      const connection = new AgentConnection(socket, session, agentDeps);
      live.add(connection as Connection<{ type: string }>);
    },
  );

  // Sockets that stopped talking (laptop closed, network gone) are closed so their resources go;
  // clients ping every HEARTBEAT_MS, so 2.5x that without a frame means dead.
  const sweep = setInterval(() => {
    const deadline = Date.now() - HEARTBEAT_MS * 2.5;
    for (const connection of live) {
      if (connection.lastSeenAt < deadline) connection.close(CLOSE_HEARTBEAT_TIMEOUT, 'heartbeat timeout');
    }
  }, HEARTBEAT_MS);
  sweep.unref();

  // The bus may have dropped publishes while it was down: every socket catches up from Postgres.
  // A few sockets at a time: all of them at once would drain the database pool and fail together.
  const stopRecovery = hub.onRecovered(() => {
    const waiting = [...live];
    const worker = async () => {
      for (let next = waiting.shift(); next; next = waiting.shift()) await next.recover();
    };
    void Promise.all(Array.from({ length: RECOVERY_CONCURRENCY }, worker));
  });

  app.addHook('onClose', async () => {
    clearInterval(sweep);
    stopRecovery();
  });
}

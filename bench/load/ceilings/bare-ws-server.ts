/**
 * The ceiling Parley's realtime path is measured against: a bare `ws` server in its own process
 * (one core, like one relay node) with no persistence and no validation. Agents connect on
 * /agent; each visitor socket (any other path) is tied to one agent, round-robin, and every frame
 * it sends is forwarded to that agent as it came. The first frame of a socket is taken as its
 * hello and answered with a welcome, and pings are answered with pongs, so the same generator
 * clients can drive it. It reports its port over IPC and exits with its parent.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const WELCOME = JSON.stringify({ type: 'welcome' });
const PONG = JSON.stringify({ type: 'pong' });
const PING_PREFIX = '{"type":"ping"';

const agents: WebSocket[] = [];
let visitorCount = 0;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 1 << 20 });

server.on('connection', (ws, request) => {
  ws.on('error', () => {});
  let welcomed = false;
  if (request.url?.startsWith('/agent')) {
    agents.push(ws);
    ws.on('message', (data: Buffer) => {
      if (!welcomed) {
        welcomed = true;
        ws.send(WELCOME);
      } else if (data.toString('latin1', 0, PING_PREFIX.length) === PING_PREFIX) {
        ws.send(PONG);
      }
    });
    ws.on('close', () => {
      const index = agents.indexOf(ws);
      if (index >= 0) agents.splice(index, 1);
    });
    return;
  }
  const agentIndex = visitorCount++;
  ws.on('message', (data: Buffer) => {
    if (!welcomed) {
      welcomed = true;
      ws.send(WELCOME);
    } else if (data.toString('latin1', 0, PING_PREFIX.length) === PING_PREFIX) {
      ws.send(PONG);
    } else if (agents.length > 0) {
      agents[agentIndex % agents.length]!.send(data, { binary: false });
    }
  });
});

server.on('listening', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));

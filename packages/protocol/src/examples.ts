/**
 * One valid example of every frame and REST body. Tests check each against its schema, and
 * docs/protocol.md shows these same examples, so the documentation cannot drift from the contract.
 */
import type { ConsoleToRelay, RelayToConsole } from './console-frames';
import type { ErrorFrame } from './errors';
import type { RelayToWidget, WidgetToRelay } from './widget-frames';
import { queueUpdatedExample, workConsoleToRelayExamples, workRelayToConsoleExamples } from './work-examples';
import { identityRelayToWidgetExamples, identityWidgetToRelayExamples } from './identity-examples';
import { toolsConsoleToRelayExamples, toolsRelayToConsoleExamples, toolsWidgetToRelayExamples } from './tools-examples';
import { offlineRelayToWidgetExamples, offlineWidgetToRelayExamples } from './offline-examples';
import { ratingRelayToConsoleExamples, ratingRelayToWidgetExamples, ratingWidgetToRelayExamples } from './rating-examples';
import { siteSettingsRelayToWidgetExamples, siteSettingsWidgetToRelayExamples } from './site-settings-examples';
import { readReceiptExamples } from './read-receipt-examples';
import { makeAgentProfile, makeConversationSummary, makeMessage, makeVisitorConversation } from './testing';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';
const visitorId = 'c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c';
const message = makeMessage({
  id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  conversationId,
  seq: 3,
  clientId: 'f3b2c1d0-aaaa-4bbb-8ccc-123456789abc',
  author: { kind: 'visitor', id: visitorId, name: null },
  body: 'Is the Trailhead 2 tent waterproof?',
});
const summary = makeConversationSummary({
  id: conversationId,
  visitor: { id: visitorId, name: null, email: null },
  lastSeq: 3,
  lastMessage: { authorKind: 'visitor', body: message.body, createdAt: message.createdAt },
});

type ByType<U extends { type: string }> = { [T in U['type']]: Extract<U, { type: T }> };

export const widgetToRelayExamples: ByType<WidgetToRelay> = {
  hello: { type: 'hello', protocolVersion: 1, token: 'v1.c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c.sig', resume: { [conversationId]: 2 } },
  'message.send': { type: 'message.send', conversationId, clientId: 'f3b2c1d0-aaaa-4bbb-8ccc-123456789abc', body: 'Is the Trailhead 2 tent waterproof?' },
  'typing.start': { type: 'typing.start', conversationId },
  'typing.stop': { type: 'typing.stop', conversationId },
  resume: { type: 'resume', conversationId, afterSeq: 2 },
  ping: { type: 'ping', ts: 1767225600000 },
  ...toolsWidgetToRelayExamples,
  ...offlineWidgetToRelayExamples,
  ...ratingWidgetToRelayExamples,
  ...siteSettingsWidgetToRelayExamples,
  read: readReceiptExamples.widgetRead,
  ...identityWidgetToRelayExamples,
};

const error: ErrorFrame = { type: 'error', code: 'not_found', message: 'Not found.', ref: 'f3b2c1d0-aaaa-4bbb-8ccc-123456789abc' };

export const relayToWidgetExamples: ByType<RelayToWidget> = {
  welcome: {
    type: 'welcome',
    protocolVersion: 1,
    visitorId,
    token: 'v1.c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c.sig',
    site: { name: 'Acme Outdoor', greeting: 'Hi! Ask us anything.', color: '#4f46e5' },
    heartbeatMs: 25000,
  },
  incompatible: { type: 'incompatible', protocolVersion: 1, minProtocolVersion: 1, message: 'Reload the page for a current widget.' },
  'message.ack': {
    type: 'message.ack',
    clientId: message.clientId!,
    conversationId,
    id: message.id,
    seq: message.seq,
    createdAt: message.createdAt,
  },
  'message.created': { type: 'message.created', message },
  'conversation.synced': {
    type: 'conversation.synced',
    conversation: makeVisitorConversation({ id: conversationId, lastSeq: 3 }),
    messages: [message],
    complete: true,
  },
  'typing.changed': { type: 'typing.changed', conversationId, author: { kind: 'agent', name: 'Ada' }, isTyping: true },
  pong: { type: 'pong', ts: 1767225600000 },
  error,
  'queue.updated': queueUpdatedExample,
  ...offlineRelayToWidgetExamples,
  ...ratingRelayToWidgetExamples,
  ...siteSettingsRelayToWidgetExamples,
  'conversation.read': readReceiptExamples.toWidget,
  ...identityRelayToWidgetExamples,
};

export const consoleToRelayExamples: ByType<ConsoleToRelay> = {
  hello: { type: 'hello', protocolVersion: 1, resume: { [conversationId]: 3 } },
  'message.send': { type: 'message.send', conversationId, clientId: 'agent-7c1e', body: 'Yes: 3000 mm hydrostatic head.' },
  'typing.start': { type: 'typing.start', conversationId },
  'typing.stop': { type: 'typing.stop', conversationId },
  'conversation.watch': { type: 'conversation.watch', conversationId, afterSeq: 0 },
  'conversation.unwatch': { type: 'conversation.unwatch', conversationId },
  resume: { type: 'resume', conversationId, afterSeq: 3 },
  ping: { type: 'ping' },
  ...workConsoleToRelayExamples(),
  ...toolsConsoleToRelayExamples,
  read: readReceiptExamples.consoleRead,
};

export const relayToConsoleExamples: ByType<RelayToConsole> = {
  welcome: { type: 'welcome', protocolVersion: 1, agent: makeAgentProfile(), heartbeatMs: 25000 },
  incompatible: relayToWidgetExamples.incompatible,
  'message.ack': relayToWidgetExamples['message.ack'],
  'message.created': relayToWidgetExamples['message.created'],
  'conversation.synced': { type: 'conversation.synced', conversation: summary, messages: [message], complete: true },
  'conversation.updated': { type: 'conversation.updated', conversation: summary },
  'typing.changed': { type: 'typing.changed', conversationId, author: { kind: 'visitor', name: null }, isTyping: false },
  pong: { type: 'pong' },
  error,
  ...workRelayToConsoleExamples(summary),
  ...toolsRelayToConsoleExamples,
  ...ratingRelayToConsoleExamples,
  'conversation.read': readReceiptExamples.toConsole,
};

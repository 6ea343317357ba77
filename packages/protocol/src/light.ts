/**
 * The light entry of the protocol: constants and tiny guards with no TypeBox runtime.
 * The widget and the browser client import only this (plus `import type` from the index),
 * so ~28 KB of schema runtime never reaches a customer's page.
 */
export * from './site-settings-rules';
export * from './error-rules';

/** Bumped when a frame changes incompatibly. Negotiated once, in `hello`. */
export const PROTOCOL_VERSION = 1;
/** The oldest client version this relay still speaks. */
export const MIN_PROTOCOL_VERSION = 1;

export const LIMITS = {
  /** Largest WebSocket frame the relay accepts, in bytes (enforced by the socket's maxPayload). */
  maxFrameBytes: 32 * 1024,
  /** Longest message body, in UTF-16 code units (String.length). */
  maxBodyLength: 8000,
  /** Longest client-chosen id (clientId). */
  maxClientIdLength: 64,
  /** How many conversations a hello may ask to resume. */
  maxResumeEntries: 100,
  /** Messages a single sync/replay frame carries at most; the client asks again for more. */
  maxSyncMessages: 500,
} as const;

/** Heartbeat: clients ping this often; the relay drops a socket silent for 2.5x as long. */
export const HEARTBEAT_MS = 25_000;

export const WS_PATHS = {
  widget: '/v1/widget/ws',
  console: '/v1/console/ws',
} as const;

/**
 * The closed list of error codes, each with what the caller should do next.
 * `status` is the HTTP status for REST and refused upgrades; `closeCode` (4000-4999) is set
 * when the relay closes the socket after sending the error frame; `retryable` tells clients
 * whether sending the same thing again later can succeed.
 */
export const ERRORS = {
  bad_json: {
    status: 400,
    retryable: false,
    message: 'The frame is not valid JSON. Send one JSON object per WebSocket message.',
  },
  unknown_frame: {
    status: 400,
    retryable: false,
    message: 'Unknown frame type. See docs/protocol.md for the frames of this protocol version.',
  },
  invalid_frame: {
    status: 400,
    retryable: false,
    message: 'The frame does not match its schema. Fix the field named in the message and resend.',
  },
  frame_too_large: {
    status: 413,
    retryable: false,
    closeCode: 1009,
    message: 'The frame is larger than the relay accepts. Shorten the message body.',
  },
  hello_required: {
    status: 400,
    retryable: false,
    message: 'The first frame on a socket must be hello.',
  },
  validation_failed: {
    status: 400,
    retryable: false,
    message: 'The request body or query does not match its schema.',
  },
  unauthorized: {
    status: 401,
    retryable: false,
    closeCode: 4401,
    message: 'Missing, expired or forged credentials. Sign in again (agents) or drop the stored visitor token (widget).',
  },
  session_ended: {
    status: 401,
    retryable: false,
    closeCode: 4401,
    message: 'This session was ended (logout or password change). Sign in again.',
  },
  invalid_credentials: {
    status: 401,
    retryable: false,
    message: 'Email or password is wrong.',
  },
  forbidden_origin: {
    status: 403,
    retryable: false,
    closeCode: 4403,
    message: "This page's origin is not allowed for the site. Add it to the site's allowed origins.",
  },
  unknown_site: {
    status: 404,
    retryable: false,
    closeCode: 4404,
    message: 'No site has this site key. Copy the snippet again from the console.',
  },
  identity_rejected: {
    status: 401,
    retryable: false,
    message:
      "Identify refused: the token is forged, expired, or not signed with this site's identity secret. The visitor stays anonymous; sign a fresh token on your server (docs/widget.md).",
  },
  not_found: {
    status: 404,
    retryable: false,
    message: 'Not found.',
  },
  forbidden: {
    status: 403,
    retryable: false,
    message: 'Your role may not do this to that conversation. Agents act on their own conversations; supervisors and admins on any.',
  },
  conflict: {
    status: 409,
    retryable: false,
    message: 'The conversation changed meanwhile (someone else took it, or it is closed). Reload it and decide again.',
  },
  over_capacity: {
    status: 409,
    retryable: true,
    message: 'That agent holds as many conversations as their capacity allows. Pick another agent or their team.',
  },
  too_many_attempts: {
    status: 429,
    retryable: true,
    message: 'Too many sign-in attempts. Wait a minute and try again.',
  },
  rate_limited: {
    status: 429,
    retryable: true,
    message: 'Too many frames or requests. Slow down and retry shortly.',
  },
  email_unavailable: {
    status: 503,
    retryable: false,
    message: 'This relay sends no email: its operator has not set SMTP_URL.',
  },
  unavailable: {
    status: 503,
    retryable: true,
    message: 'The relay cannot reach its storage right now. Retry with the same clientId; nothing was stored twice.',
  },
  attachment_too_large: {
    status: 413,
    retryable: false,
    message: 'The file is larger than this relay accepts. Send a smaller file.',
  },
  attachment_type_refused: {
    status: 415,
    retryable: false,
    message: 'This kind of file cannot be sent. Send an image (PNG, JPEG, GIF, WebP) or a PDF.',
  },
  internal: {
    status: 500,
    retryable: true,
    message: 'Unexpected relay error. Retry; if it persists, report the ref.',
  },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string; closeCode?: number }>;

export type ErrorCode = keyof typeof ERRORS;
// Pure, so a bundle that does not read the registry (the widget's) leaves ERRORS and its prose out.
export const ERROR_CODES = /* @__PURE__ */ Object.keys(ERRORS) as ErrorCode[];

/** Close code sent with `incompatible` when the client speaks a protocol version we do not. */
export const CLOSE_INCOMPATIBLE = 4426;
/** Close code for a socket dropped because it stopped answering heartbeats. */
export const CLOSE_HEARTBEAT_TIMEOUT = 4408;
/**
 * Close code for a socket that fell too far behind reading what the relay sends (its send buffer
 * passed the cap). Reconnect and resume: nothing is lost, the missed messages come from storage.
 */
export const CLOSE_SLOW_CONSUMER = 4409;
/** Close code when the relay is shutting down (a deploy): reconnect, another node will answer. */
export const CLOSE_RELAY_RESTARTING = 1012;

/**
 * An `event` message whose clientId starts with this says an agent joined the conversation (it
 * was assigned to them automatically, or they claimed it); its `author.name` is the agent's name,
 * so clients can say it in the reader's language rather than show the English `body`.
 */
export const JOINED_EVENT_PREFIX = 'joined-';

/** The agent's routing commands (presence, assignment, lifecycle): the relay's routing service handles these. */
export const WORK_FRAME_TYPES = [
  'presence.set',
  'presence.activity',
  'conversation.claim',
  'conversation.transfer',
  'conversation.unassign',
  'conversation.close',
  'conversation.reopen',
  'conversation.snooze',
  'capacity.set',
] as const;

export { IDENTITY_LIMITS } from './identity-limits';

/** Frame types, by direction. Clients ignore types they do not know, so a newer relay can ship first. */
export const WIDGET_TO_RELAY_TYPES = [
  'hello',
  'message.send',
  'typing.start',
  'typing.stop',
  'resume',
  'ping',
  'page.view',
  'offline.message',
  'transcript.email',
  'rating.submit',
  'prechat.submit',
  'read',
  'visitor.identify',
  'visitor.attributes.set',
] as const;
// An IIFE marked pure: esbuild keeps a top-level array spread even when nothing reads it (the widget never does).
export const CONSOLE_TO_RELAY_TYPES = /* @__PURE__ */ (() => [
  'hello',
  'message.send',
  'typing.start',
  'typing.stop',
  'conversation.watch',
  'conversation.unwatch',
  'resume',
  'ping',
  ...WORK_FRAME_TYPES,
  'note.send',
  'read',
] as const)();
export * from './rating-light';

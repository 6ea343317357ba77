/**
 * The tables. Constraint names are spelled out because drizzle-kit would build them from the
 * camelCase property names. Property names are camelCase; `casing: 'snake_case'` (in openDb and
 * drizzle.config.ts) makes every column snake_case in SQL. Timestamps keep milliseconds only
 * (precision 3), so an ISO string handed out and sent back as a cursor matches the stored value.
 */
import {
  AGENT_ROLES,
  ASSIGN_REASONS,
  AUTHOR_KINDS,
  CONVERSATION_STATUSES,
  DEFAULT_WIDGET_SETTINGS,
  LAUNCHER_POSITIONS,
  MESSAGE_KINDS,
  OFFLINE_BEHAVIOURS,
  PRECHAT_MODES,
  RATING_SCORES,
  SITE_LANGUAGES,
  type Attachment,
  type WeeklyRange,
} from '@parley/protocol';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow();
const optionalTime = () => timestamp({ withTimezone: true, precision: 3 });

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: createdAt(),
});

export const sites = pgTable(
  'sites',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    name: text().notNull(),
    /** The site key in the snippet: public, the entry point of every widget connection. */
    publicKey: text().notNull().unique('sites_public_key_unique'),
    /** Signs visitor identities (HMAC); never leaves the server. */
    secret: text().notNull(),
    allowedOrigins: text().array().notNull(),
    greeting: text().notNull().default('Hi! How can we help?'),
    color: text().notNull().default('#4f46e5'),
    /** Teams its visitors may pick when they start a conversation (routing); empty: the default team. */
    visitorTeamIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** The widget's settings (protocol site-widget-settings.ts), edited by admins in the console. */
    position: text({ enum: LAUNCHER_POSITIONS }).notNull().default(DEFAULT_WIDGET_SETTINGS.position),
    offsetX: integer().notNull().default(DEFAULT_WIDGET_SETTINGS.offsetX),
    offsetY: integer().notNull().default(DEFAULT_WIDGET_SETTINGS.offsetY),
    zIndex: integer().notNull().default(DEFAULT_WIDGET_SETTINGS.zIndex),
    launcherLabel: text().notNull().default(DEFAULT_WIDGET_SETTINGS.launcherLabel),
    prechatName: text({ enum: PRECHAT_MODES }).notNull().default(DEFAULT_WIDGET_SETTINGS.prechat.name),
    prechatEmail: text({ enum: PRECHAT_MODES }).notNull().default(DEFAULT_WIDGET_SETTINGS.prechat.email),
    language: text({ enum: SITE_LANGUAGES }).notNull().default(DEFAULT_WIDGET_SETTINGS.language),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.workspaceId)],
);

export const agents = pgTable(
  'agents',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    /** Stored lowercased, so the unique index is case-insensitive. */
    email: text().notNull().unique('agents_email_unique'),
    name: text().notNull(),
    role: text({ enum: AGENT_ROLES }).notNull(),
    passwordHash: text().notNull(),
    /** Most open conversations routing gives them at once. */
    capacity: integer().notNull().default(3),
    /** Round-robin among equally loaded agents: the oldest last assignment goes first. */
    lastAssignedAt: optionalTime(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index().on(t.workspaceId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** sha256 hex of the cookie value: a leaked table cannot be replayed as cookies. */
    tokenHash: text().notNull().unique('sessions_token_hash_unique'),
    agentId: uuid()
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    lastSeenAt: createdAt(),
  },
  (t) => [index().on(t.agentId)],
);

export const visitors = pgTable(
  'visitors',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
    name: text(),
    email: text(),
    /** From the widget's last hello (visitor context in the console): the raw User-Agent and the IANA time zone. */
    userAgent: text(),
    timeZone: text(),
    /** The site's own user id, once a signed identify proved it; null while anonymous. */
    externalId: text(),
    /** Custom attributes the site's page set (`Parley('set', ...)`), shown to agents. */
    attributes: jsonb().$type<Record<string, string | number | boolean>>().notNull().default({}),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
  },
  (t) => [index().on(t.siteId), uniqueIndex('visitors_site_external_id_unique').on(t.siteId, t.externalId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
    visitorId: uuid()
      .notNull()
      .references(() => visitors.id),
    status: text({ enum: CONVERSATION_STATUSES }).notNull().default('open'),
    assigneeId: uuid().references(() => agents.id),
    teamId: uuid().references(() => teams.id),
    /** Set while open and unassigned: its place in the team's queue (routing). */
    queuedAt: optionalTime(),
    assignedAt: optionalTime(),
    /** The visitor's oldest message no agent has answered (service levels); null when nobody waits. */
    waitingSince: optionalTime(),
    snoozedUntil: optionalTime(),
    /** The agent it was taken from by the no-response rule: routing prefers someone else next. */
    reroutedFromAgentId: uuid(),
    /** The seq of the newest message; the next one takes lastSeq + 1 under this row's lock. */
    lastSeq: integer().notNull().default(0),
    /** The newest visitor-visible message's visitorSeq (notes excluded): the visitor's lastSeq. */
    visitorLastSeq: integer().notNull().default(0),
    /** Read receipts, in seq (not visitorSeq): how far the visitor's widget has it, has shown it, and agents have read it. */
    visitorDeliveredSeq: integer().notNull().default(0),
    visitorReadSeq: integer().notNull().default(0),
    agentReadSeq: integer().notNull().default(0),
    /** The clientId of the visitor's first message: a resend of it finds this conversation again. */
    startedByClientId: text(),
    // A copy of the newest message, so the inbox list never reads the messages table.
    lastMessagePreview: text(),
    lastMessageAuthorKind: text({ enum: AUTHOR_KINDS }),
    lastMessageAt: optionalTime(),
    firstResponseAt: optionalTime(),
    closedAt: optionalTime(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    unique('conversations_visitor_id_started_by_client_id_unique').on(t.visitorId, t.startedByClientId),
    index().on(t.workspaceId, t.updatedAt),
    index('conversations_queue_idx').on(t.teamId, t.queuedAt).where(sql`${t.queuedAt} is not null`),
    index('conversations_assignee_status_idx').on(t.assigneeId, t.status),
    // The routing sweep's two timers read only these rows, on every node every few seconds.
    index('conversations_snoozed_until_idx').on(t.snoozedUntil).where(sql`${t.status} = 'snoozed'`),
    index('conversations_unanswered_idx')
      .on(t.waitingSince)
      .where(sql`${t.status} = 'open' and ${t.assigneeId} is not null and ${t.waitingSince} is not null`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    // No foreign key to workspaces here on purpose: on the hottest insert path it would add an
    // index probe and a KEY SHARE lock on one workspace row per message; the conversation's
    // foreign key already ties the message to its workspace.
    workspaceId: uuid().notNull(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    clientId: text(),
    authorKind: text({ enum: AUTHOR_KINDS }).notNull(),
    /** An agent's or visitor's id; null for system messages. Not a foreign key: it points at either table. */
    authorId: uuid(),
    authorName: text(),
    kind: text({ enum: MESSAGE_KINDS }).notNull().default('text'),
    /**
     * The message's seq as the visitor sees it: gapless over the messages a visitor may see, null
     * for notes. Visitor frames carry this as `seq` (docs/protocol.md 3.2).
     */
    visitorSeq: integer(),
    body: text().notNull(),
    /** The file this message carries (attachments.ts), as the message shows it; null for most. */
    attachment: jsonb().$type<Attachment>(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('messages_conversation_id_seq_unique').on(t.conversationId, t.seq),
    unique('messages_conversation_id_client_id_unique').on(t.conversationId, t.clientId),
    unique('messages_conversation_id_visitor_seq_unique').on(t.conversationId, t.visitorSeq),
    // Full-text search over transcripts. An expression index rather than a stored tsvector column:
    // every select and returning() on the message hot path would otherwise carry the vector too.
    index('messages_body_search_idx').using('gin', sql`to_tsvector('simple', ${t.body})`),
  ],
);

/** Canned responses: team-shared (ownerAgentId null) or personal to their owner. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    ownerAgentId: uuid().references(() => agents.id, { onDelete: 'cascade' }),
    /** What follows `/` in the composer, lower-case. */
    shortcut: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index().on(t.workspaceId, t.ownerAgentId)],
);

/** Pages a visitor viewed, as the widget reported them; the console shows the latest session's. */
export const visitorPages = pgTable(
  'visitor_pages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    visitorId: uuid()
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    title: text().notNull(),
    referrer: text().notNull(),
    viewedAt: createdAt(),
  },
  (t) => [index().on(t.visitorId, t.viewedAt)],
);

export const conversationTags = pgTable(
  'conversation_tags',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    tag: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'conversation_tags_pk', columns: [t.conversationId, t.tag] })],
);

/** Departments. Every workspace has one default team, which gets all work that names no other. */
export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    name: text().notNull(),
    isDefault: boolean().notNull().default(false),
    autoAssign: boolean().notNull().default(true),
    firstResponseTargetSeconds: integer(),
    reassignAfterSeconds: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.workspaceId),
    uniqueIndex('teams_one_default_per_workspace').on(t.workspaceId).where(sql`${t.isDefault}`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    agentId: uuid()
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
  },
  (t) => [primaryKey({ name: 'team_members_pk', columns: [t.teamId, t.agentId] }), index().on(t.agentId)],
);

/** Every assignment, for reports and the queue's wait estimate (recent pick-up times per team). */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    teamId: uuid(),
    agentId: uuid().notNull(),
    reason: text({ enum: ASSIGN_REASONS }).notNull(),
    byAgentId: uuid(),
    /** How long it waited in the queue before this assignment; null when it did not come from the queue. */
    waitedMs: integer(),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.teamId, t.createdAt)],
);

/** A site's business hours and offline behaviour (protocol availability.ts). No row: hours off, `notice` (business-hours.ts). */
export const siteBusinessHours = pgTable('site_business_hours', {
  siteId: uuid()
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id),
  enabled: boolean().notNull().default(false),
  timeZone: text().notNull().default('UTC'),
  weekly: jsonb().$type<WeeklyRange[]>().notNull().default(sql`'[]'::jsonb`),
  holidays: text().array().notNull().default(sql`'{}'::text[]`),
  offlineBehaviour: text({ enum: OFFLINE_BEHAVIOURS }).notNull().default('notice'),
  updatedAt: createdAt(),
});

/**
 * Agent replies owed to a visitor by email (relay email/). `dueAt` is set by the first reply of a
 * burst and cleared by the node that sends the one email for the burst; `emailedThroughSeq` (the
 * conversation's own numbering) is how far replies were emailed or seen live.
 */
export const emailFollowUps = pgTable(
  'email_follow_ups',
  {
    conversationId: uuid()
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    /** Started from the offline form: replies are emailed even while the visitor is connected. */
    fromOfflineForm: boolean().notNull().default(false),
    dueAt: optionalTime(),
    emailedThroughSeq: integer().notNull().default(0),
    lastEmailedAt: optionalTime(),
  },
  (t) => [index('email_follow_ups_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`)],
);

/**
 * The visitor's rating of a conversation, one per conversation (replaced while the change window
 * lasts). Its own table rather than columns on conversations: reports scan it by workspace and
 * time, and the hot conversation row stays as it is.
 */
export const conversationRatings = pgTable(
  'conversation_ratings',
  {
    conversationId: uuid()
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    score: text({ enum: RATING_SCORES }).notNull(),
    comment: text(),
    ratedAt: createdAt(),
  },
  (t) => [index().on(t.workspaceId, t.ratedAt)],
);

/** Files sent in conversations. The bytes live in an AttachmentStore under `storageKey`, never in Postgres. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The message that carries it: a resent upload (same clientId) finds the first file by it. */
    messageId: uuid()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The MIME type sniffed from the content, never the one the uploader claimed. */
    type: text().notNull(),
    size: integer().notNull(),
    storageKey: text().notNull(),
    uploaderKind: text({ enum: AUTHOR_KINDS }).notNull(),
    uploaderId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.conversationId), unique('attachments_message_id_unique').on(t.messageId)],
);

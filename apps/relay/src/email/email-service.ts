/**
 * Email follow-up, when SMTP_URL is set: agent replies reach visitors who are not there, one
 * email per burst of replies, with a signed link back into the conversation; and the transcript
 * on the visitor's request.
 *
 * Which replies are emailed: every one in a conversation started from the offline form; in any
 * other conversation of a visitor who gave an address, those the visitor did not see live — no
 * socket of theirs on this node, and none marked seen (availability-service.ts) since the reply.
 * The first reply of a burst sets the email due `debounceMs` later; replies meanwhile join it.
 * Due rows are claimed in Postgres, so of several nodes sweeping, one sends each email.
 */
import {
  claimDueFollowUps,
  followUpContext,
  getSite,
  getVisitorConversation,
  listMessages,
  listVisitorMessages,
  markFollowedUp,
  retryFollowUp,
  scheduleFollowUp,
  type Db,
  type DueFollowUp,
} from '@parley/db';
import { LIMITS, type ConversationSummary, type Message } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ParleyError } from '../parley-error';
import { replyEmail, transcriptEmail } from './email-text';
import type { Mailer } from './mailer';
import { createReplyToken } from './reply-token';

export interface EmailOptions {
  publicUrl: string;
  debounceMs: number;
  linkTtlMs: number;
  secret: string;
}

/** A failed send is tried again this much later. */
const RETRY_MS = 60_000;
/** Transcripts one visitor may have mailed per hour. */
const TRANSCRIPTS_PER_HOUR = 3;

export const REPLY_PATH = '/v1/email/reply';

export class EmailService {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private closed = false;
  private readonly transcripts: RateLimiterAbstract;

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly visitorHere: (visitorId: string) => boolean,
    private readonly options: EmailOptions,
    private readonly log: FastifyBaseLogger,
    redis: Redis | null,
  ) {
    const memory = new RateLimiterMemory({ points: TRANSCRIPTS_PER_HOUR, duration: 3600, keyPrefix: 'transcript' });
    this.transcripts = redis
      ? new RateLimiterRedis({ storeClient: redis, points: TRANSCRIPTS_PER_HOUR, duration: 3600, keyPrefix: 'parley:transcript', insuranceLimiter: memory })
      : memory;
  }

  start(): void {
    // Often enough that a burst's email leaves close to its deadline, never busier than every 100 ms.
    const every = Math.min(5000, Math.max(100, Math.floor(this.options.debounceMs / 4)));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    this.mailer.close();
  }

  /** An agent replied (MessageService.onAgentReply): owe the visitor an email if they gave an address. */
  agentReplied(workspaceId: string, conversation: ConversationSummary): void {
    if (this.closed || !conversation.visitor.email) return;
    scheduleFollowUp(this.db, workspaceId, conversation.id, new Date(Date.now() + this.options.debounceMs)).catch((error) =>
      this.log.warn({ err: error, conversationId: conversation.id }, 'email follow-up not scheduled'),
    );
  }

  /** Sends what is due by `now`; a parameter so tests need not wait for the timer. */
  sweep(now = new Date()): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweepOnce(now)
      .catch((error) => this.log.warn({ err: error }, 'email sweep failed'))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sweepOnce(now: Date): Promise<void> {
    if (this.closed) return;
    for (const due of await claimDueFollowUps(this.db, now)) {
      try {
        await this.followUp(due);
      } catch (error) {
        this.log.warn({ err: error, conversationId: due.conversationId }, 'reply email failed; retrying later');
        await retryFollowUp(this.db, due.workspaceId, due.conversationId, new Date(Date.now() + RETRY_MS));
      }
    }
  }

  private async followUp(due: DueFollowUp): Promise<void> {
    const { workspaceId, conversationId } = due;
    const context = await followUpContext(this.db, workspaceId, conversationId);
    if (!context?.visitorEmail) return;
    const { messages } = await listMessages(this.db, workspaceId, conversationId, { afterSeq: due.emailedThroughSeq, limit: LIMITS.maxSyncMessages });
    const throughSeq = messages.at(-1)?.seq ?? due.emailedThroughSeq;
    const replies = messages.filter((message) => message.author.kind === 'agent' && message.kind === 'text');
    const first = replies[0];
    if (!first) return;
    const seenLive =
      !due.fromOfflineForm && (this.visitorHere(context.visitorId) || context.visitorLastSeenAt.getTime() >= Date.parse(first.createdAt));
    if (!seenLive) {
      const link = this.replyLink({ workspaceId, siteId: context.siteId, visitorId: context.visitorId, conversationId });
      const days = Math.round(this.options.linkTtlMs / 86_400_000);
      await this.mailer.send(replyEmail(context.visitorEmail, context.siteName, replies, link, days));
    }
    await markFollowedUp(this.db, workspaceId, conversationId, throughSeq, !seenLive);
  }

  replyLink(grant: { workspaceId: string; siteId: string; visitorId: string; conversationId: string }): string {
    const token = createReplyToken(this.options.secret, { ...grant, expiresAt: Date.now() + this.options.linkTtlMs });
    return `${this.options.publicUrl}${REPLY_PATH}?t=${token}`;
  }

  /** Mails the conversation, as its visitor sees it, to `email`. */
  async sendTranscript(visitor: { workspaceId: string; siteId: string; visitorId: string }, conversationId: string, email: string): Promise<void> {
    const { workspaceId, siteId, visitorId } = visitor;
    if (!(await getVisitorConversation(this.db, workspaceId, visitorId, conversationId))) {
      throw new ParleyError('not_found', 'no such conversation for this visitor', conversationId);
    }
    const allowed = await this.transcripts.consume(visitorId).then(
      () => true,
      (result: unknown) => {
        if (result instanceof Error) throw result;
        return false;
      },
    );
    if (!allowed) throw new ParleyError('rate_limited', `at most ${TRANSCRIPTS_PER_HOUR} transcripts an hour`, conversationId);
    const [site, { messages }] = await Promise.all([
      getSite(this.db, workspaceId, siteId),
      listVisitorMessages(this.db, workspaceId, conversationId, { afterSeq: 0, limit: LIMITS.maxSyncMessages }),
    ]);
    await this.mailer.send(transcriptEmail(email, site?.name ?? 'us', messages satisfies Message[]));
  }
}

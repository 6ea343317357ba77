/**
 * Business hours, availability and the offline leave-a-message flow.
 *
 * A site is *available* when it is within its business hours (or has none switched on) AND at
 * least one agent of its workspace is `online` by routing's presence. Otherwise the widget says
 * so and, with `offlineBehaviour: 'form'`, asks for an email with the message.
 *
 * Relay -> visitor:
 *   availability.changed {available, reason, offlineBehaviour, emailFollowUp}
 *                                 right after welcome, then whenever it changes (presence, the clock, settings)
 * Visitor -> relay:
 *   offline.message {clientId, email, body, conversationId?}
 *                                 a message with the address to answer by email; answered like message.send (message.ack)
 */
import { Type, type Static } from '@sinclair/typebox';
import { ClientId, MessageBody, Nullable, StringEnum, Uuid } from './models';

/** An email address: one @, no spaces, a dot in the domain. Deliverability is the mail server's to judge. */
export const EmailAddress = Type.String({ minLength: 6, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });

/** Wall-clock time in the site's time zone, `HH:MM`; `24:00` is the end of the day. */
export const TimeOfDay = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });
/** A calendar date `YYYY-MM-DD`, in the site's time zone. */
export const CalendarDate = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });

/**
 * Open on `day` from `start` to `end`, wall-clock. An `end` at or before `start` runs past
 * midnight into the next day (22:00-06:00 on Friday is Friday night to Saturday morning).
 */
export const WeeklyRange = Type.Object({
  day: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday ... 6 = Saturday' }),
  start: TimeOfDay,
  end: TimeOfDay,
});
export type WeeklyRange = Static<typeof WeeklyRange>;

/** `form`: say so and offer the leave-a-message form. `notice`: say so only; the composer stays. */
export const OFFLINE_BEHAVIOURS = ['form', 'notice'] as const;
export const OfflineBehaviour = StringEnum(OFFLINE_BEHAVIOURS);
export type OfflineBehaviour = Static<typeof OfflineBehaviour>;

export const BusinessHours = Type.Object({
  /** Off: the hours are not checked, availability rests on agents being online alone. */
  enabled: Type.Boolean(),
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  weekly: Type.Array(WeeklyRange, { maxItems: 50 }),
  /** Closed all day, whatever the weekly ranges say (a range running into a holiday stops at its midnight). */
  holidays: Type.Array(CalendarDate, { maxItems: 366 }),
  offlineBehaviour: OfflineBehaviour,
});
export type BusinessHours = Static<typeof BusinessHours>;

export const AVAILABILITY_REASONS = ['closed', 'holiday', 'no_agents'] as const;
export const AvailabilityReason = StringEnum(AVAILABILITY_REASONS);
export type AvailabilityReason = Static<typeof AvailabilityReason>;

export const Availability = Type.Object({
  available: Type.Boolean(),
  /** Why not; null while available. */
  reason: Nullable(AvailabilityReason),
  offlineBehaviour: OfflineBehaviour,
  /** The relay can send email (SMTP_URL): replies reach visitors who left, and transcripts can be mailed. */
  emailFollowUp: Type.Boolean(),
});
export type Availability = Static<typeof Availability>;

export const AvailabilityChanged = Type.Object({ type: Type.Literal('availability.changed'), ...Availability.properties });
export type AvailabilityChanged = Static<typeof AvailabilityChanged>;

/** Starts a conversation (no conversationId) or adds to one, and keeps `email` as the visitor's address for replies. */
export const OfflineMessage = Type.Object({
  type: Type.Literal('offline.message'),
  clientId: ClientId,
  email: EmailAddress,
  body: MessageBody,
  conversationId: Type.Optional(Uuid),
});
export type OfflineMessage = Static<typeof OfflineMessage>;

// REST (admins)

export const BusinessHoursReply = Type.Object({ businessHours: BusinessHours, availability: Availability });
export type BusinessHoursReply = Static<typeof BusinessHoursReply>;

/** Every site of the workspace with its hours: what the console's business-hours section picks from. */
export const SiteBusinessHours = Type.Object({ siteId: Uuid, siteName: Type.String(), businessHours: BusinessHours, availability: Availability });
export type SiteBusinessHours = Static<typeof SiteBusinessHours>;
export const BusinessHoursListReply = Type.Object({ sites: Type.Array(SiteBusinessHours) });
export type BusinessHoursListReply = Static<typeof BusinessHoursListReply>;

export const AVAILABILITY_WIDGET_TO_RELAY = [OfflineMessage] as const;
export const AVAILABILITY_RELAY_TO_WIDGET = [AvailabilityChanged] as const;

/**
 * Visitor identity and custom attributes: the frames the site's page sends through the widget
 * (`Parley('identify', ...)`, `Parley('set', ...)`) and the admin REST for the site's identity secret.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IDENTITY_LIMITS } from './identity-limits';
import { Nullable, Uuid } from './models';

/** An id from the site's own user database (`sub` of the JWT, or `userId` of the HMAC form). */
export const ExternalUserId = Type.String({ minLength: 1, maxLength: IDENTITY_LIMITS.maxUserIdLength });

/**
 * Either `token`: a JWT (HS256) the site's backend signs with the site's identity secret, carrying
 * `sub` (user id), `exp`, and optionally `name` and `email`; or `userId` + `userHash`: the older
 * form, hex HMAC-SHA256 of the user id with the same secret (name and email then ride along
 * unsigned). One frame type with optional fields, because the relay validates one schema per type;
 * it answers a frame with neither form complete with `invalid_frame`.
 */
export const VisitorIdentify = Type.Object(
  {
    type: Type.Literal('visitor.identify'),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: IDENTITY_LIMITS.maxTokenLength })),
    userId: Type.Optional(ExternalUserId),
    userHash: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
    name: Type.Optional(Type.String({ maxLength: IDENTITY_LIMITS.maxNameLength })),
    email: Type.Optional(Type.String({ maxLength: IDENTITY_LIMITS.maxEmailLength })),
  },
  { additionalProperties: false },
);
export type VisitorIdentify = Static<typeof VisitorIdentify>;

/** A custom attribute's value: what agents see beside the key. */
export const AttributeValue = Type.Union([
  Type.String({ maxLength: IDENTITY_LIMITS.maxAttributeValueLength }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
]);
export type AttributeValue = Static<typeof AttributeValue>;

/** Custom attributes: at most 50 keys of letters, digits, `_ . -`; a null value removes the key. */
export const VisitorAttributes = Type.Record(
  Type.String({ pattern: IDENTITY_LIMITS.attributeKeyPattern }),
  AttributeValue,
  { maxProperties: IDENTITY_LIMITS.maxAttributes, additionalProperties: false },
);
export type VisitorAttributes = Static<typeof VisitorAttributes>;

/** The attributes a visitor has, as agents see them. */
export const VisitorAttributeMap = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]));
export type VisitorAttributeMap = Static<typeof VisitorAttributeMap>;

/** Merges these attributes into the visitor's (null removes a key). */
export const VisitorAttributesSet = Type.Object(
  { type: Type.Literal('visitor.attributes.set'), attributes: VisitorAttributes },
  { additionalProperties: false },
);
export type VisitorAttributesSet = Static<typeof VisitorAttributesSet>;

/**
 * The answer to a verified identify. The socket now acts for `visitorId` (the identified visitor's
 * row, keyed by site and user id): store `token` in place of the old one. Their conversations
 * follow as `conversation.synced` frames.
 */
export const VisitorIdentified = Type.Object({
  type: Type.Literal('visitor.identified'),
  visitorId: Uuid,
  token: Type.String(),
  userId: ExternalUserId,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
});
export type VisitorIdentified = Static<typeof VisitorIdentified>;

/* ---------- REST: the site's identity secret (admins) ---------- */

export const SiteIdentity = Type.Object({
  siteId: Uuid,
  siteName: Type.String(),
  /** Signs identify JWTs (HS256) and user hashes (HMAC-SHA256). Keep it on the site's server. */
  secret: Type.String(),
});
export type SiteIdentity = Static<typeof SiteIdentity>;

export const SiteIdentityListReply = Type.Object({ sites: Type.Array(SiteIdentity) });
export type SiteIdentityListReply = Static<typeof SiteIdentityListReply>;

export const SiteIdentityReply = Type.Object({ site: SiteIdentity });
export type SiteIdentityReply = Static<typeof SiteIdentityReply>;

/** The frames of this file, for the unions in widget-frames.ts. */
export const IDENTITY_WIDGET_TO_RELAY = [VisitorIdentify, VisitorAttributesSet] as const;
export const IDENTITY_RELAY_TO_WIDGET = [VisitorIdentified] as const;

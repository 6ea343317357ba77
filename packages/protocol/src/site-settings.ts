/**
 * A site's settings as its admins edit them in the console (REST, docs/protocol.md 6.3), the
 * frame that carries a change to the site's open widgets, and the widget's pre-chat form.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, SitePublic, StringEnum, Uuid } from './models';
import { EMAIL_PATTERN, SITE_SETTINGS_LIMITS, WIDGET_LANGUAGES } from './site-settings-rules';
import { LauncherLabel, Offset, PrechatSettings, SiteLanguageSchema, LauncherPositionSchema, WidgetSettings, ZIndex } from './site-widget-settings';

const WidgetLanguageSchema = StringEnum(WIDGET_LANGUAGES);

export const SiteColor = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' });
export const SiteGreeting = Type.String({ maxLength: SITE_SETTINGS_LIMITS.maxGreeting });
/** Checked further by the relay: each must be an origin (scheme, host, port; see originProblem). */
export const AllowedOrigins = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: SITE_SETTINGS_LIMITS.maxAllowedOrigins });

/** A site as its admins see it: what the widget sees, plus the key for the snippet and the allowed origins. */
export const SiteSettings = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The `data-site-key` of the snippet. Public. */
  publicKey: Type.String(),
  greeting: Type.String(),
  color: SiteColor,
  /** Pages on these origins may open the widget; any other is refused (`forbidden_origin`). */
  allowedOrigins: Type.Array(Type.String()),
  widget: WidgetSettings,
});
export type SiteSettings = Static<typeof SiteSettings>;

export const SiteSettingsReply = Type.Object({ site: SiteSettings });
export type SiteSettingsReply = Static<typeof SiteSettingsReply>;

export const SiteSettingsListReply = Type.Object({ sites: Type.Array(SiteSettings) });
export type SiteSettingsListReply = Static<typeof SiteSettingsListReply>;

/** Only what is given changes; `widget` may be partial too (and `widget.prechat` as a whole). */
export const SiteSettingsPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: SITE_SETTINGS_LIMITS.maxSiteName, pattern: '\\S' })),
    greeting: Type.Optional(SiteGreeting),
    color: Type.Optional(SiteColor),
    allowedOrigins: Type.Optional(AllowedOrigins),
    widget: Type.Optional(
      Type.Object(
        {
          position: Type.Optional(LauncherPositionSchema),
          offsetX: Type.Optional(Offset),
          offsetY: Type.Optional(Offset),
          zIndex: Type.Optional(ZIndex),
          launcherLabel: Type.Optional(LauncherLabel),
          prechat: Type.Optional(PrechatSettings),
          language: Type.Optional(SiteLanguageSchema),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SiteSettingsPatch = Static<typeof SiteSettingsPatch>;

/**
 * The bubble's settings ready to apply, so the every-page loader carries no layout or contrast
 * code: its inline style (side, offsets, z-index, colour and an icon colour that contrasts with
 * it, from the widget's launcherStyle()), its label and the site's language.
 */
export const LauncherConfig = Type.Object({
  style: Type.String({ maxLength: 500 }),
  label: LauncherLabel,
  /** The site's fixed language; null when the visitor's browser decides. */
  language: Nullable(WidgetLanguageSchema),
});
export type LauncherConfig = Static<typeof LauncherConfig>;

/** `GET /v1/widget/config`: what the loader needs before it shows the bubble. */
export const WidgetConfig = Type.Object({ launcher: LauncherConfig });
export type WidgetConfig = Static<typeof WidgetConfig>;

/** The query of `GET /v1/widget/config`, which the loader asks before it shows the bubble. */
export const WidgetConfigQuery = Type.Object({ siteKey: Type.String({ minLength: 1, maxLength: 128 }) });
export type WidgetConfigQuery = Static<typeof WidgetConfigQuery>;

/**
 * An admin changed the site: the widget applies it at once (colour, side, offsets, label,
 * greeting, pre-chat form; `launcher` as `GET /v1/widget/config` gives it). Sent to every open
 * visitor socket of the site, on every node.
 */
export const SiteUpdated = Type.Object({ type: Type.Literal('site.updated'), site: SitePublic, launcher: LauncherConfig });
export type SiteUpdated = Static<typeof SiteUpdated>;

export const VisitorName = Type.String({ minLength: 1, maxLength: SITE_SETTINGS_LIMITS.maxVisitorName, pattern: '\\S' });
export const VisitorEmail = Type.String({ maxLength: SITE_SETTINGS_LIMITS.maxEmail, pattern: EMAIL_PATTERN });

/**
 * The pre-chat form, sent before the message that starts a conversation: the relay stores the
 * name and email on the visitor (agents see them). Where the site requires a field, a new
 * conversation is refused (`validation_failed`, ref `prechat`) until the visitor gave it.
 */
export const PrechatSubmit = Type.Object({
  type: Type.Literal('prechat.submit'),
  name: Type.Optional(VisitorName),
  email: Type.Optional(VisitorEmail),
});
export type PrechatSubmit = Static<typeof PrechatSubmit>;

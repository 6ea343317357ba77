/**
 * How a site's widget looks and behaves, as the site's admin set it in the console: part of what
 * the widget knows about its site (`SitePublic.widget`), sent in `welcome` and `site.updated`.
 * No import from models.ts, which imports this file.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { LAUNCHER_POSITIONS, PRECHAT_MODES, SITE_LANGUAGES, SITE_SETTINGS_LIMITS, type SiteLanguage } from './site-settings-rules';

function literals<const T extends readonly string[]>(values: T) {
  return Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<TLiteral<T[number]>[]>;
}

export const LauncherPositionSchema = literals(LAUNCHER_POSITIONS);
export const PrechatModeSchema = literals(PRECHAT_MODES);
export const SiteLanguageSchema = literals(SITE_LANGUAGES);

export const Offset = Type.Integer({ minimum: 0, maximum: SITE_SETTINGS_LIMITS.maxOffset, description: 'CSS pixels' });
export const ZIndex = Type.Integer({ minimum: 0, maximum: SITE_SETTINGS_LIMITS.maxZIndex });
export const LauncherLabel = Type.String({ maxLength: SITE_SETTINGS_LIMITS.maxLauncherLabel, description: 'Text beside the bubble; empty: the icon alone' });

export const PrechatSettings = Type.Object({ name: PrechatModeSchema, email: PrechatModeSchema });
export type PrechatSettings = Static<typeof PrechatSettings>;

export const WidgetSettings = Type.Object({
  /**
   * The side the launcher and panel sit on, for left-to-right languages: like the rest of the
   * widget it mirrors for right-to-left ones (`right` is the inline end).
   */
  position: LauncherPositionSchema,
  /** Distance from that side. */
  offsetX: Offset,
  /** Distance from the bottom. */
  offsetY: Offset,
  zIndex: ZIndex,
  launcherLabel: LauncherLabel,
  /** Asked before the visitor's first message. */
  prechat: PrechatSettings,
  /** `auto`: the visitor's browser decides; the snippet's `data-lang` still wins over both. */
  language: SiteLanguageSchema,
});
export type WidgetSettings = Static<typeof WidgetSettings>;

/** What a site gets until its admin changes something. */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  zIndex: 2147483000,
  launcherLabel: '',
  prechat: { name: 'off', email: 'off' },
  language: 'auto' satisfies SiteLanguage,
};

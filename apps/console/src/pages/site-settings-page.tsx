/**
 * Site settings (admins): how the widget looks and behaves on the site's pages, with a live
 * preview of the real widget beside the form and the snippet to paste.
 */
import type { PrechatMode } from '@parley/protocol';
import { LAUNCHER_POSITIONS, PRECHAT_MODES, SITE_LANGUAGES, SITE_SETTINGS_LIMITS } from '@parley/protocol/light';
import { useEffect, useMemo } from 'preact/hooks';
import type { JSX } from 'preact';
import { BusinessHoursSection } from '../components/business-hours-section';
import { SnippetBox } from '../components/snippet-box';
import { createBusinessHoursApi } from '../models/business-hours-api';
import { createBusinessHoursModel } from '../models/business-hours-model';
import { WidgetPreview } from '../components/widget-preview';
import { createSiteSettingsModel, type SiteSettingsModel } from '../models/site-settings-model';
import { originsOf } from '../models/site-settings-form';
import { createSiteSettingsApi, type SiteSettingsApi } from '../models/site-settings-api';
import './site-settings.css';

export interface SiteSettingsPageProps {
  /** Defaults to the relay's REST API on this origin (tests pass their own). */
  api?: SiteSettingsApi;
  /** Where the relay serves the loader; the console's own origin by default. */
  relayOrigin?: string;
  onBack?: () => void;
}

const LANGUAGE_NAMES: Record<(typeof SITE_LANGUAGES)[number], string> = {
  auto: 'The visitor’s browser language',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  ar: 'العربية',
};
const PRECHAT_NAMES: Record<PrechatMode, string> = { off: 'Off', optional: 'Optional', required: 'Required' };

export function SiteSettingsPage({ api, relayOrigin = location.origin, onBack }: SiteSettingsPageProps) {
  const model = useMemo(() => createSiteSettingsModel(api ?? createSiteSettingsApi()), [api]);
  useEffect(() => void model.load(), [model]);
  const site = model.site.value;
  const draft = model.draft.value;
  const preview = model.preview.value;
  const hoursApi = useMemo(() => createBusinessHoursApi(), []);
  const hours = useMemo(() => (site ? createBusinessHoursModel(hoursApi, site.id) : null), [hoursApi, site?.id]);

  return (
    <div class="settings-page">
      <header class="app-header">
        <span class="brand">Parley</span>
        <span class="spacer" />
        {onBack && (
          <button type="button" class="button-quiet" onClick={onBack}>
            Back to the inbox
          </button>
        )}
      </header>
      <h1>Site settings</h1>
      {model.notice.value && (
        <p class="notice" role="alert">
          {model.notice.value}
        </p>
      )}
      {model.status.value === 'loading' && <p>Loading…</p>}
      {model.sites.value.length > 1 && (
        <label class="field">
          Site
          <select value={site?.id ?? ''} onChange={(event) => model.select(event.currentTarget.value)}>
            {model.sites.value.map((candidate) => (
              <option value={candidate.id}>{candidate.name}</option>
            ))}
          </select>
        </label>
      )}
      {site && draft && preview && (
        <div class="settings-layout">
          <SettingsForm model={model} />
          <aside class="settings-aside">
            <h2>Preview</h2>
            <WidgetPreview site={preview} />
            <SnippetBox siteKey={site.publicKey} relayOrigin={relayOrigin} />
          </aside>
        </div>
      )}
      {/* Business hours, offline behaviour and the leave-a-message form: a form of their own, saved on their own. */}
      {hours && <BusinessHoursSection key={site?.id} model={hours} canEdit />}
    </div>
  );
}

function SettingsForm({ model }: { model: SiteSettingsModel }) {
  const draft = model.draft.value!;
  const errors = model.errors.value;
  const contrast = model.contrast.value;
  const saving = model.status.value === 'saving';
  const onSubmit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    void model.save();
  };
  const originErrors = originsOf(draft).flatMap((_origin, index) => errors[`allowedOrigins.${index}`] ?? []);
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  return (
    <form class="settings-form" onSubmit={onSubmit} noValidate>
      <section class="settings-section">
        <h2>Appearance</h2>
        <Field label="Site name" error={errors.name}>
          <input value={draft.name} maxLength={SITE_SETTINGS_LIMITS.maxSiteName} onInput={(e) => model.edit({ name: e.currentTarget.value })} />
        </Field>
        <Field label="Brand colour" error={errors.color}>
          <span class="color-pair">
            <input type="color" aria-label="Pick the brand colour" value={/^#[0-9a-fA-F]{6}$/.test(draft.color) ? draft.color : '#000000'} onInput={(e) => model.edit({ color: e.currentTarget.value })} />
            <input name="color" value={draft.color} size={9} onInput={(e) => model.edit({ color: e.currentTarget.value.trim() })} />
          </span>
        </Field>
        {contrast && (
          <p class={contrast.failsAA ? 'contrast contrast-warning' : 'contrast'} role={contrast.failsAA ? 'alert' : undefined} data-testid="contrast">
            {contrast.failsAA
              ? `Low contrast: the best text on this colour reaches ${contrast.ratio.toFixed(1)}:1, under the 4.5:1 WCAG AA asks for. Visitors may struggle to read the header, buttons and their own messages. Pick a darker or lighter colour.`
              : `Text on this colour: ${contrast.text === '#ffffff' ? 'white' : 'near-black'}, ${contrast.ratio.toFixed(1)}:1 (WCAG AA needs 4.5:1).`}
          </p>
        )}
        <Field label="Greeting" error={errors.greeting}>
          <textarea name="greeting" rows={2} maxLength={SITE_SETTINGS_LIMITS.maxGreeting} value={draft.greeting} onInput={(e) => model.edit({ greeting: e.currentTarget.value })} />
        </Field>
        <Field label="Launcher label (empty: the icon alone)" error={errors['widget.launcherLabel']}>
          <input name="launcherLabel" value={draft.widget.launcherLabel} maxLength={SITE_SETTINGS_LIMITS.maxLauncherLabel} onInput={(e) => model.editWidget({ launcherLabel: e.currentTarget.value })} />
        </Field>
        <fieldset class="field">
          <legend>Position (mirrored for right-to-left languages)</legend>
          {LAUNCHER_POSITIONS.map((position) => (
            <label class="inline">
              <input type="radio" name="position" value={position} checked={draft.widget.position === position} onChange={() => model.editWidget({ position })} />
              {position === 'left' ? 'Bottom left' : 'Bottom right'}
            </label>
          ))}
        </fieldset>
        <div class="field-row">
          <Field label="Side offset (px)" error={errors['widget.offsetX']}>
            <input name="offsetX" type="number" min={0} max={SITE_SETTINGS_LIMITS.maxOffset} value={draft.widget.offsetX} onInput={(e) => model.editWidget({ offsetX: number(e.currentTarget.value) })} />
          </Field>
          <Field label="Bottom offset (px)" error={errors['widget.offsetY']}>
            <input name="offsetY" type="number" min={0} max={SITE_SETTINGS_LIMITS.maxOffset} value={draft.widget.offsetY} onInput={(e) => model.editWidget({ offsetY: number(e.currentTarget.value) })} />
          </Field>
          <Field label="z-index" error={errors['widget.zIndex']}>
            <input name="zIndex" type="number" min={0} max={SITE_SETTINGS_LIMITS.maxZIndex} value={draft.widget.zIndex} onInput={(e) => model.editWidget({ zIndex: number(e.currentTarget.value) })} />
          </Field>
        </div>
        <Field label="Language">
          <select name="language" value={draft.widget.language} onChange={(e) => model.editWidget({ language: e.currentTarget.value as (typeof SITE_LANGUAGES)[number] })}>
            {SITE_LANGUAGES.map((language) => (
              <option value={language}>{LANGUAGE_NAMES[language]}</option>
            ))}
          </select>
        </Field>
      </section>

      <section class="settings-section">
        <h2>Before the first message</h2>
        <p class="hint">Ask visitors who they are. Required fields must be filled before they can send; optional ones can be left empty.</p>
        {(['name', 'email'] as const).map((field) => (
          <Field label={field === 'name' ? 'Name' : 'Email'}>
            <select
              name={`prechat-${field}`}
              value={draft.widget.prechat[field]}
              onChange={(e) => model.editWidget({ prechat: { ...draft.widget.prechat, [field]: e.currentTarget.value as PrechatMode } })}
            >
              {PRECHAT_MODES.map((mode) => (
                <option value={mode}>{PRECHAT_NAMES[mode]}</option>
              ))}
            </select>
          </Field>
        ))}
      </section>


      <section class="settings-section">
        <h2>Allowed origins</h2>
        <Field label="Pages on these origins may open the chat, one a line (e.g. https://shop.example.com)" error={originErrors.join(' ') || undefined}>
          <textarea name="origins" rows={3} value={draft.origins} onInput={(e) => model.edit({ origins: e.currentTarget.value })} />
        </Field>
      </section>

      <div class="settings-actions">
        <button type="submit" disabled={saving || !model.dirty.value || Object.keys(errors).length > 0}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="button-quiet" disabled={saving || !model.dirty.value} onClick={model.reset}>
          Discard changes
        </button>
        <span class="hint" role="status">
          {model.dirty.value ? 'Unsaved changes: the preview shows them; visitors see them once saved.' : 'Saved. Open widgets have the changes.'}
        </span>
      </div>
    </form>
  );
}

function Field({ label, error, children }: { label: string; error?: string | undefined; children: JSX.Element }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

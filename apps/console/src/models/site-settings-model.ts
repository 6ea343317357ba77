/**
 * The site settings page's state (admins): the workspace's sites, the one being edited, its draft
 * and errors, and saving. The pure rules live in site-settings-form.ts.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { SitePublic, SiteSettings, WidgetSettings } from '@parley/protocol';
import { SettingsError, type SiteSettingsApi } from './site-settings-api';
import { contrastOf, draftOf, patchOf, previewSiteOf, validateDraft, type ContrastReport, type FieldErrors, type SiteDraft } from './site-settings-form';

export type SettingsStatus = 'loading' | 'ready' | 'saving' | 'failed';

export interface SiteSettingsModel {
  readonly sites: ReadonlySignal<readonly SiteSettings[]>;
  readonly site: ReadonlySignal<SiteSettings | null>;
  readonly draft: ReadonlySignal<SiteDraft | null>;
  readonly status: ReadonlySignal<SettingsStatus>;
  /** The form's own checks, merged with the field the relay last refused. */
  readonly errors: ReadonlySignal<FieldErrors>;
  /** A refusal that names no field (forbidden, unavailable). */
  readonly notice: ReadonlySignal<string | null>;
  readonly dirty: ReadonlySignal<boolean>;
  readonly contrast: ReadonlySignal<ContrastReport | null>;
  /** What the preview shows: the draft as the widget would get it. */
  readonly preview: ReadonlySignal<SitePublic | null>;
  load(): Promise<void>;
  select(siteId: string): void;
  edit(change: Partial<Omit<SiteDraft, 'widget'>>): void;
  editWidget(change: Partial<WidgetSettings>): void;
  reset(): void;
  /** False when nothing was saved (invalid draft, or refused). */
  save(): Promise<boolean>;
}

export function createSiteSettingsModel(api: SiteSettingsApi): SiteSettingsModel {
  const sites = signal<readonly SiteSettings[]>([]);
  const selectedId = signal<string | null>(null);
  const draft = signal<SiteDraft | null>(null);
  const status = signal<SettingsStatus>('loading');
  const refused = signal<FieldErrors>({});
  const notice = signal<string | null>(null);
  const site = computed(() => sites.value.find((candidate) => candidate.id === selectedId.value) ?? null);
  const errors = computed(() => (draft.value ? { ...validateDraft(draft.value), ...refused.value } : {}));
  const dirty = computed(() => !!site.value && !!draft.value && Object.keys(patchOf(site.value, draft.value)).length > 0);

  const select = (siteId: string) => {
    const found = sites.value.find((candidate) => candidate.id === siteId);
    if (!found) return;
    selectedId.value = siteId;
    draft.value = draftOf(found);
    refused.value = {};
  };
  const change = (next: SiteDraft) => {
    draft.value = next;
    // The relay's refusal was about the old value.
    refused.value = {};
  };

  return {
    sites,
    site,
    draft,
    status,
    errors,
    notice,
    dirty,
    contrast: computed(() => (draft.value ? contrastOf(draft.value.color) : null)),
    preview: computed(() => (site.value && draft.value ? previewSiteOf(site.value, draft.value) : null)),
    async load() {
      status.value = 'loading';
      try {
        sites.value = (await api.listSites()).sites;
        status.value = 'ready';
        notice.value = null;
        const first = sites.value[0];
        if (first && !site.value) select(first.id);
      } catch (error) {
        status.value = 'failed';
        notice.value = error instanceof Error ? error.message : String(error);
      }
    },
    select,
    edit(partial) {
      if (draft.value) change({ ...draft.value, ...partial });
    },
    editWidget(partial) {
      if (draft.value) change({ ...draft.value, widget: { ...draft.value.widget, ...partial } });
    },
    reset() {
      if (site.value) select(site.value.id);
    },
    async save() {
      const saved = site.value;
      const current = draft.value;
      if (!saved || !current || Object.keys(validateDraft(current)).length > 0) return false;
      status.value = 'saving';
      try {
        const { site: updated } = await api.updateSite(saved.id, patchOf(saved, current));
        sites.value = sites.value.map((candidate) => (candidate.id === updated.id ? updated : candidate));
        // Only if nothing was typed while saving: the admin's newer edits stay in the draft.
        if (draft.value === current) draft.value = draftOf(updated);
        notice.value = null;
        return true;
      } catch (error) {
        if (error instanceof SettingsError && error.field) refused.value = { [error.field]: error.message };
        else notice.value = error instanceof Error ? error.message : String(error);
        return false;
      } finally {
        status.value = 'ready';
      }
    },
  };
}

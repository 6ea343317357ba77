/** Examples of the frames in site-settings.ts, merged into examples.ts (and shown in docs/protocol.md). */
import type { PrechatSubmit, SiteUpdated } from './site-settings';

export const siteSettingsWidgetToRelayExamples: { 'prechat.submit': PrechatSubmit } = {
  'prechat.submit': { type: 'prechat.submit', name: 'Grace Hopper', email: 'grace@example.com' },
};

export const siteSettingsRelayToWidgetExamples: { 'site.updated': SiteUpdated } = {
  'site.updated': {
    type: 'site.updated',
    site: {
      name: 'Acme Outdoor',
      greeting: 'Hi! Ask us anything.',
      color: '#0f766e',
      widget: {
        position: 'left',
        offsetX: 24,
        offsetY: 24,
        zIndex: 2147483000,
        launcherLabel: 'Chat with us',
        prechat: { name: 'optional', email: 'required' },
        language: 'auto',
      },
    },
    launcher: {
      style: 'inset:auto;left:24px;bottom:24px;z-index:2147483000;--parley-site-color:#0f766e;--parley-site-accent-text:#ffffff',
      label: 'Chat with us',
      language: null,
    },
  },
};

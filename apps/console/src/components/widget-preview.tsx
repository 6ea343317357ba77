/**
 * The live preview beside the settings form: the widget's real bubble and chat (the same Lit
 * elements customers' pages get), inside a box that is their containing block, fed the draft
 * through a stand-in relay so every edit shows at once.
 */
import type { SitePublic } from '@parley/protocol';
import { defineChat, defineLauncher, launcherConfig, launcherStyle, pickLanguage, type ParleyChat, type ParleyLauncher } from '@parley/widget/preview';
import { useEffect, useRef } from 'preact/hooks';
import { PreviewRelay } from './preview-relay';

export interface WidgetPreviewProps {
  site: SitePublic;
}

/** What the preview's bubble and chat speak: the site's fixed language, else this browser's. */
export function previewLanguage(site: SitePublic) {
  const fixed = site.widget?.language;
  return pickLanguage(navigator.languages ?? [], fixed && fixed !== 'auto' ? fixed : null);
}

export function WidgetPreview({ site }: WidgetPreviewProps) {
  const box = useRef<HTMLDivElement>(null);
  const parts = useRef<{ relay: PreviewRelay; chat: ParleyChat; launcher: ParleyLauncher } | null>(null);

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    defineLauncher();
    defineChat();
    const relay = new PreviewRelay(site);
    const launcher = document.createElement('parley-launcher');
    const chat = document.createElement('parley-chat');
    // A key of its own: the chat keeps its (empty) visitor state apart from any real site's.
    chat.siteKey = 'preview';
    chat.relayOrigin = location.origin;
    chat.createSocket = relay.connect;
    chat.open = true;
    chat.addEventListener('parley-site-change', (event) => launcher.configure(event.detail.style, event.detail.label));
    chat.addEventListener('parley-close', () => (chat.open = false));
    launcher.addEventListener('parley-toggle', () => (chat.open = !chat.open));
    container.append(launcher, chat);
    parts.current = { relay, chat, launcher };
    return () => {
      launcher.remove();
      chat.remove();
      parts.current = null;
    };
  }, []);

  useEffect(() => {
    const current = parts.current;
    if (!current) return;
    const language = previewLanguage(site);
    current.launcher.setLanguage(language);
    current.chat.language = language;
    current.launcher.configure(launcherStyle(site), site.widget?.launcherLabel ?? '');
    current.relay.update(site, launcherConfig(site));
  }, [site]);

  return <div class="widget-preview" ref={box} aria-label="Widget preview" role="region" data-testid="widget-preview" />;
}

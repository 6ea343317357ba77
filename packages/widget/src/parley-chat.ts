import type { WebSocketFactory } from '@parley/client';
import type { LauncherConfig, Message, SitePublic } from '@parley/protocol';
import { JOINED_EVENT_PREFIX, LIMITS } from '@parley/protocol/light';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { filesOf, renderAttach, renderAttachment } from './attachment-view';
import type { Attributes, IdentifyProof } from './widget-api';
import { ConnectionController } from './connection-controller';
import { DraftStore } from './draft-store';
import { readableTextOn } from './contrast';
import { directionOf } from './language';
import { renderEmailField, renderTranscript, wantsEmail } from './offline-form';
import { renderRating } from './rating-view';
import { chatStyles } from './parley-chat.styles';
import { asksPrechat, prechatDetails, renderPrechat } from './prechat-fields';
import { placeHost } from './site-placement';
import { EN_CHAT_STRINGS, fill, LANGUAGES, loadChatStrings, type ChatStrings, type Language } from './strings';
import type { Theme } from './theme';
import type { TranscriptEntry } from './transcript';
import { ViewportController } from './viewport-controller';

export const CHAT_TAG = 'parley-chat';

const SEND_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" /></svg>`;

/** Detail of `parley-unread-change`. */
export interface UnreadChange {
  count: number;
}

/**
 * The visitor's chat panel: the site's greeting, the conversation, a composer.
 *
 * @fires parley-close - The visitor asked to close the chat (close button or Escape).
 * @fires parley-message - A message arrived live (any author); `detail` is the protocol's Message.
 * @fires parley-unread-change - The number of agent messages the visitor has not seen changed; `detail: {count}`.
 * @fires parley-site-change - An admin changed the site's settings; `detail` is the bubble's (LauncherConfig), for the launcher to follow.
 * @csspart panel - The chat window.
 * @csspart header - The title bar with the site name.
 * @csspart close - The close button.
 * @csspart notice - The connection notice shown while reconnecting, or that nobody can answer now (outside hours, no agent online).
 * @csspart email - The visitor's email in the composer while nobody can answer (the leave-a-message form).
 * @csspart transcript - "Email me this transcript", when the relay sends email.
 * @csspart log - The message list.
 * @csspart message - Every message; also `message-visitor`, `message-agent`, `message-system`.
 * @csspart queue - The visitor's place in line and estimated wait, while no agent has the conversation yet.
 * @csspart typing - The "is typing" line.
 * @csspart rating - The rating prompt under a closed conversation, then its thank-you line.
 * @csspart composer - The form with the text box and send button.
 * @csspart input - The text box.
 * @csspart prechat - The name and email boxes the site asks for before the first message.
 * @csspart send - The send button.
 * @csspart attach - The button that picks a file to send (images and PDFs; also by drop and paste).
 * @cssprop --parley-accent - Header, send button and visitor bubbles (defaults to the site's colour).
 * @cssprop --parley-accent-text - Text on the accent colour (defaults to white or near-black, whichever contrasts more).
 * @cssprop --parley-background - Panel background.
 * @cssprop --parley-text - Text colour.
 * @cssprop --parley-muted - Secondary text.
 * @cssprop --parley-agent-bubble - Agent message background.
 * @cssprop --parley-font - Font shorthand.
 * @cssprop --parley-radius - Panel corner radius.
 * @cssprop --parley-width - Panel width.
 * @cssprop --parley-height - Panel height.
 * @cssprop --parley-offset - Distance from the bottom inline-end corner.
 * @cssprop --parley-border - Lines around the composer.
 * @cssprop --parley-focus-ring - Keyboard focus outline.
 */
export class ParleyChat extends LitElement {
  static override styles = chatStyles;

  /**
   * Lit's reactive properties, declared here rather than with its decorators: the decorator
   * modules and esbuild's decorator helper cost every visitor about 0.5 KB gzip (issue 5's budget).
   */
  static override properties = {
    siteKey: { attribute: 'site-key' },
    relayOrigin: { attribute: 'relay-origin' },
    open: { type: Boolean, reflect: true },
    language: { reflect: true },
    theme: { reflect: true },
    createSocket: { attribute: false },
  };
  static {
    // Lit adds the properties' accessors to the prototype when it finalizes the class, which
    // define() does; doing it now keeps them there as the decorators did, for a copy of the widget
    // whose define() another copy beat (@lit/react looks for `prop in prototype`).
    this.finalize();
  }

  /** The site's public key, from the snippet. Set before the element is connected. */
  siteKey = '';
  /** The relay's origin, e.g. `https://chat.example.com`. Set before the element is connected. */
  relayOrigin = '';
  /** Whether the panel is shown. */
  open = false;
  /** The language of every word the panel shows; it also sets `lang` and `dir` (rtl for Arabic, Hebrew). */
  language: Language = 'en';
  /** Fixes the colour scheme; unset, the panel follows the visitor's `prefers-color-scheme`. */
  theme?: Theme;
  /** Opens the relay socket; defaults to the browser's WebSocket (tests and other hosts pass their own). */
  createSocket?: WebSocketFactory;

  private get composer(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
  }
  private get log(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part=log]') ?? null;
  }
  private get panel(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part=panel]') ?? null;
  }

  private readonly connection = new ConnectionController(this, () => ({
    siteKey: this.siteKey,
    relayOrigin: this.relayOrigin,
    ...(this.createSocket ? { createSocket: this.createSocket } : {}),
    onLiveMessage: (message) => this.emit('parley-message', message),
  }));
  private readonly draft = new DraftStore(this);
  private reportedUnread = 0;
  private appliedColor = '';
  private renderedCount = 0;
  private placedSite: SitePublic | null = null;
  private placedLauncher: LauncherConfig | null = null;
  /** The words for `language`; null while the first catalog is on its way (then nothing renders: no flash of English). */
  private catalog: ChatStrings | null = EN_CHAT_STRINGS;
  private catalogLoad: Promise<void> = Promise.resolve();

  constructor() {
    super();
    // Registers itself with this element; nothing else needs a handle on it.
    new ViewportController(this);
  }

  /** `Parley('identify')`: who the visitor is, proven by the site's server (docs/widget.md). */
  identify(proof: IdentifyProof): void {
    this.connection.identify(proof);
  }

  /** `Parley('set')`: custom attributes agents see; null removes one. */
  setAttributes(attributes: Attributes): void {
    this.connection.setAttributes(attributes);
  }

  /** `Parley('shutdown')`: forgets the visitor on this device; the chat continues as a new anonymous visitor. */
  shutdown(): void {
    this.connection.shutdown();
    this.draft.forget();
  }

  /** Moves focus to the message box. */
  override async focus(): Promise<void> {
    await this.stringsReady;
    this.composer?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.connection.setVisible(this.open);
    if (changed.has('language')) {
      // On the host too: its `dir` mirrors the corner it sits in, its `lang` guides screen readers.
      this.lang = this.language;
      this.dir = directionOf(this.language);
      this.fetchStrings(LANGUAGES.includes(this.language) ? this.language : 'en');
    }
  }

  private fetchStrings(language: Language): void {
    // Before the first render there is nothing to show yet; after it, the panel keeps its words
    // (and its DOM) until the new ones arrive.
    if (language === 'en') this.catalog = EN_CHAT_STRINGS;
    else if (!this.hasUpdated) this.catalog = null;
    this.catalogLoad = loadChatStrings(language).then(
      (catalog) => {
        if (this.language !== language) return;
        this.catalog = catalog;
        this.requestUpdate();
      },
      // A catalog that cannot be fetched (the relay went away): English rather than an empty panel.
      () => {
        if (this.language !== language) return;
        this.catalog = EN_CHAT_STRINGS;
        this.requestUpdate();
      },
    );
  }

  /** Settles once the panel shows its words in the current language (a catalog may be on its way). */
  get stringsReady(): Promise<void> {
    return this.updateComplete.then(() => this.catalogLoad).then(() => this.updateComplete).then(() => undefined);
  }

  /** The words the panel shows; English until (or unless) the catalog for `language` is in. */
  get strings(): ChatStrings {
    return this.catalog ?? EN_CHAT_STRINGS;
  }

  // Texts the widget did not write (site name, greeting, messages) carry dir="auto": an English
  // greeting in an Arabic panel keeps its full stop at its own end, and Arabic in an English one too.
  protected override render() {
    if (!this.catalog) return nothing;
    const { site, entries, typing, state, problem, availability, conversationId, email } = this.connection;
    const prechat = site?.widget?.prechat;
    const t = this.strings;
    const notice = problem ? t[problem] : state === 'reconnecting' ? t.reconnecting : availability?.available === false ? t.away : null;
    const title = site?.name ?? t.chat;
    // "Seen" goes under the visitor's last message only (a pending one has seq null: never seen).
    let lastMine: TranscriptEntry | undefined;
    for (const entry of entries) if (entry.side === 'visitor') lastMine = entry;
    const readUpTo = this.connection.agentRead.get(this.connection.conversationId) ?? 0;
    return html`
      <section
        part="panel"
        role="dialog"
        aria-label=${title}
        lang=${this.language}
        dir=${directionOf(this.language)}
        @keydown=${this.onPanelKeydown}
        @dragover=${(event: DragEvent) => event.preventDefault()}
        @drop=${this.onDropOrPaste}
      >
        <header part="header">
          <h2><span dir="auto">${title}</span></h2>
          <button part="close" type="button" aria-label=${t.closeChat} @click=${this.requestClose}>×</button>
        </header>
        ${notice ? html`<p part="notice" role="status">${notice}</p>` : nothing}
        <div part="log" role="log" aria-live="polite" aria-label=${t.messages} tabindex="0">
          <ol>
            ${site?.greeting ? html`<li part="message message-agent greeting" class="agent greeting" dir="auto">${site.greeting}</li>` : nothing}
            ${entries.map((entry) => this.renderEntry(entry, entry === lastMine && entry.seq !== null && entry.seq <= readUpTo))}
          </ol>
        </div>
        ${renderRating(this.connection.rating, t, (score, comment) => this.connection.rate(score, comment))}
        ${this.renderQueue()}
        ${typing ? html`<p part="typing">${fill(t.typing, { name: typing.name ?? t.agent })}</p>` : nothing}
        ${availability?.emailFollowUp && conversationId
          ? renderTranscript(t, email, this.connection.mailed === conversationId, (address) => this.connection.emailTranscript(address))
          : nothing}
        ${this.connection.fileError === null ? nothing : html`<p part="notice" role="alert">${t.notSent} ${this.connection.fileError}</p>`}
        <form part="composer" @submit=${this.onSubmit}>
          ${wantsEmail(availability) ? renderEmailField(t, email) : asksPrechat(prechat, entries.length > 0) ? renderPrechat(prechat, t) : nothing}
          <textarea
            part="input"
            aria-label=${t.message}
            placeholder=${t.placeholder}
            rows="1"
            maxlength=${LIMITS.maxBodyLength}
            @input=${this.onInput}
            @keydown=${this.onComposerKeydown}
            @paste=${this.onDropOrPaste}
          ></textarea>
          ${renderAttach((files) => this.connection.upload(files))}
          <button part="send" type="submit" aria-label=${t.send}>${SEND_ICON}</button>
        </form>
      </section>
    `;
  }

  private renderQueue() {
    const queue = this.connection.queue;
    if (!queue?.position) return nothing;
    const t = this.strings;
    const seconds = queue.estimatedWaitSeconds;
    const wait = seconds === null ? '' : seconds < 60 ? t.queueUnderMinute : fill(t.queueMinutes, { minutes: String(Math.ceil(seconds / 60)) });
    const line = fill(t.queuePosition, { position: String(queue.position) });
    return html`<p part="queue" role="status">${wait ? `${line} · ${wait}` : line}</p>`;
  }

  /** `seen`: the visitor's last message, and an agent has read it (read receipts). */
  private renderEntry(entry: TranscriptEntry, seen: boolean) {
    return html`<li
      part="message message-${entry.side}"
      class=${entry.side}
      data-seq=${entry.seq ?? nothing}
      data-status=${entry.status}
    >
      ${entry.side === 'agent' && entry.authorName ? html`<span class="author">${entry.authorName}</span>` : nothing}
      ${entry.attachment ? renderAttachment(entry.attachment, this.connection.files) : html`<span class="body" dir="auto">${this.bodyOf(entry)}</span>`}
      ${entry.status === 'sending' ? html`<span class="state">${this.strings.sending}</span>` : nothing}
      ${seen ? html`<span class="state">${this.strings.seen}</span>` : nothing}
      ${entry.status === 'failed' ? this.renderFailed(entry) : nothing}
    </li>`;
  }

  /** The text of an entry; an agent joining is said in the panel's language, not the relay's English. */
  private bodyOf(entry: TranscriptEntry): string {
    const t = this.strings;
    return entry.side === 'system' && entry.clientId?.startsWith(JOINED_EVENT_PREFIX) ? fill(t.joined, { name: entry.authorName ?? t.agent }) : entry.body;
  }

  private renderFailed(entry: TranscriptEntry) {
    const clientId = entry.clientId ?? '';
    const t = this.strings;
    return html`<span class="state">${entry.error ?? t.notSent}</span>
      <span class="actions">
        <button type="button" data-action="retry" @click=${() => this.connection.retry(clientId)}>${t.retry}</button>
        <button type="button" data-action="discard" @click=${() => this.connection.discard(clientId)}>${t.discard}</button>
      </span>`;
  }

  protected override updated(): void {
    this.applySiteColor();
    const { site, launcher } = this.connection;
    if (site !== this.placedSite && site && site.widget) placeHost(this, site.widget);
    this.placedSite = site;
    if (launcher !== this.placedLauncher) this.emit('parley-site-change', (this.placedLauncher = launcher));
    const count = this.connection.entries.length;
    if (count !== this.renderedCount && this.log) this.log.scrollTop = this.log.scrollHeight;
    this.renderedCount = count;
    const unread = this.connection.unread;
    if (unread !== this.reportedUnread) {
      this.reportedUnread = unread;
      this.emit<UnreadChange>('parley-unread-change', { count: unread });
    }
  }

  /**
   * The site's colour from the console, and text that stays readable on it. When the page sets
   * its own `--parley-accent` (a hex colour), the text is chosen for that one instead.
   */
  private applySiteColor(): void {
    const panel = this.panel;
    const color = this.connection.site?.color;
    // Once per colour and per opening: reading computed style forces a style recalculation.
    const applied = `${color}|${this.open}`;
    if (!panel || !color || !/^#[0-9a-f]{6}$/i.test(color) || applied === this.appliedColor) return;
    this.appliedColor = applied;
    // Through the CSSOM, not a style attribute: a host page's CSP may forbid inline styles.
    panel.style.setProperty('--parley-site-color', color);
    const pageAccent = this.open ? getComputedStyle(this).getPropertyValue('--parley-accent').trim() : '';
    const text = readableTextOn(pageAccent) ?? readableTextOn(color);
    if (text) panel.style.setProperty('--parley-site-accent-text', text);
  }

  private onInput(): void {
    this.draft.save(this.composer!.value);
    this.connection.typed();
  }

  private onComposerKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.sendDraft();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.sendDraft();
  }

  /** A file dropped on the panel or pasted into the text box is sent; pasted text stays text. */
  private onDropOrPaste(event: DragEvent | ClipboardEvent): void {
    const files = filesOf('dataTransfer' in event ? event.dataTransfer : event.clipboardData);
    if (!files) return;
    event.preventDefault();
    void this.connection.upload(files);
  }

  private onPanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.requestClose();
  }

  private sendDraft(): void {
    const composer = this.composer;
    const form = composer?.form;
    if (!composer || !form || !/\S/.test(composer.value) || !form.reportValidity()) return;
    // The leave-a-message form's address field: its message goes out with the address to answer.
    const email = form.querySelector<HTMLInputElement>('input[part=email]');
    const sent = email ? this.connection.sendOffline(email.value, composer.value) : this.connection.send(composer.value, prechatDetails(form));
    if (sent) this.draft.save((composer.value = ''));
  }

  private requestClose(): void {
    this.emit('parley-close', undefined);
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** Idempotent, so a second copy of the widget on a page keeps the first definition. */
export function defineChat(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(CHAT_TAG)) registry.define(CHAT_TAG, ParleyChat);
}

declare global {
  interface HTMLElementTagNameMap {
    [CHAT_TAG]: ParleyChat;
  }
  interface HTMLElementEventMap {
    'parley-unread-change': CustomEvent<UnreadChange>;
    'parley-close': CustomEvent<undefined>;
    'parley-site-change': CustomEvent<LauncherConfig>;
    'parley-message': CustomEvent<Message>;
  }
}

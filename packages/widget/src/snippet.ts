/**
 * The few lines a site owner pastes into their page. Pure text (no DOM) so the relay's demo
 * page and the console can render it too.
 *
 * It defines `window.Parley` as a command queue (calls made before the loader arrives are kept
 * in `Parley.q` and replayed in order), then adds the loader as an async script so nothing
 * blocks the page.
 */
export interface SnippetOptions {
  /** Where the relay serves `/widget/loader.js`, e.g. `https://chat.example.com` (no trailing path). */
  relayOrigin: string;
  siteKey: string;
  /** Fixes the widget's language (`data-lang`, e.g. `fr`); without it the visitor's browser decides. */
  lang?: string;
  /** Fixes the colour scheme (`data-theme`); without it the widget follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  /**
   * For pages with a strict Content-Security-Policy: the page's per-response nonce, so the inline
   * snippet may run under `script-src <relay origin> 'nonce-…'` (docs/widget.md has the hash form).
   */
  nonce?: string;
}

export function renderSnippet({ relayOrigin, siteKey, lang, theme, nonce }: SnippetOptions): string {
  const loaderUrl = `${relayOrigin.replace(/\/+$/, '')}/widget/loader.js`;
  return [
    nonce ? `<script nonce="${nonce.replace(/[^A-Za-z0-9+/=_-]/g, '')}">` : '<script>',
    '(function(w,d,s){',
    'w.Parley=w.Parley||function(){(w.Parley.q=w.Parley.q||[]).push(arguments)};',
    "s=d.createElement('script');s.async=true;",
    `s.src=${scriptString(loaderUrl)};`,
    `s.setAttribute('data-site-key',${scriptString(siteKey)});`,
    ...(lang ? [`s.setAttribute('data-lang',${scriptString(lang)});`] : []),
    ...(theme ? [`s.setAttribute('data-theme',${scriptString(theme)});`] : []),
    'd.head.appendChild(s)',
    '})(window,document);',
    '</script>',
  ].join('\n');
}

/**
 * A JS string literal that is also safe inside an HTML <script> element: JSON escapes quotes and
 * backslashes, and escaping `<` keeps a value like `</script>` from ending the element early.
 */
function scriptString(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

import type { WidgetConfig } from '@parley/protocol';
import { pickLanguage } from './language';
import type { ChatController, WidgetModule } from './launcher-handle';
import type { ParleyFunction } from './parley-global';
import { LAUNCHER_TAG, defineLauncher } from './parley-launcher';
import { parseTheme } from './theme';
import { forgetVisitor, openStorage, readItem, storageKey } from './visitor-storage';

export interface LoaderEnvironment {
  window: Window;
  /**
   * The loader's own <script> tag: it carries `data-site-key` (and optionally `data-lang`,
   * `data-theme`), and its src names the relay.
   */
  script: HTMLScriptElement | null;
  /** The content-hashed widget module's file name under `/widget/`. */
  widgetFile: string;
  /** Loads the widget module; the browser's `import()` unless a test passes its own. */
  importModule?: (url: string) => Promise<WidgetModule>;
}

type Command = 'open' | 'close' | 'toggle';
const COMMANDS: readonly string[] = ['open', 'close', 'toggle'] satisfies Command[];
/** Commands the widget module runs: kept here, in order, until it is loaded. */
const FORWARDED: readonly string[] = ['identify', 'set', 'on', 'shutdown'];

/** How long an idle preload may wait for the page to go quiet before it loads anyway. */
const IDLE_TIMEOUT_MS = 4000;

/**
 * Installs the bubble and the `Parley(...)` dispatcher, replaying what the page queued before
 * the loader arrived. Runs once per page however many times the script is included.
 */
export function startLoader(env: LoaderEnvironment): void {
  const win = env.window;
  const doc = win.document;
  const queued = win.Parley;
  if (queued?.loaded) return;

  const siteKey = env.script?.getAttribute('data-site-key');
  if (!env.script || !siteKey) {
    console.warn('Parley: the loader script needs a data-site-key attribute. Copy the snippet again from the console.');
    return;
  }
  const relayOrigin = new URL(env.script.src, doc.baseURI).origin;
  const widgetUrl = `${relayOrigin}/widget/${env.widgetFile}`;
  const importModule = env.importModule ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<WidgetModule>);

  // The site may fix the language and colour scheme; otherwise the visitor's browser decides.
  const lang = env.script.getAttribute('data-lang');
  let language = pickLanguage(win.navigator.languages, lang);
  const theme = parseTheme(env.script.getAttribute('data-theme'));

  defineLauncher(win.customElements);
  const launcher = doc.createElement(LAUNCHER_TAG);
  launcher.setLanguage(language);
  launcher.style.visibility = 'hidden';

  let loading: Promise<WidgetModule> | undefined;
  let mounting: Promise<ChatController> | undefined;
  let controller: ChatController | undefined;
  let forwarded: unknown[][] = [];
  const load = () =>
    (loading ??= importModule(widgetUrl).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const mount = () =>
    (mounting ??= load().then(
      (module) => {
        controller = module.mount({ siteKey, relayOrigin, launcher, language, ...(theme ? { theme } : {}) });
        for (const args of forwarded) controller.run(args);
        forwarded = [];
        return controller;
      },
      (error: unknown) => {
        mounting = undefined;
        throw error;
      },
    ));
  const warnUnavailable = (error: unknown) => console.warn('Parley: the chat could not be loaded.', error);

  const handlers: Record<Command, () => unknown> = {
    open: () => mount().then((chat) => chat.open()),
    close: () => controller?.close(),
    toggle: () => (controller ? controller.toggle() : mount().then((chat) => chat.open())),
  };
  // Commands run one after another: `open` waits for the module, and a `close` queued behind it
  // must not overtake it.
  let chain: Promise<unknown> = Promise.resolve();
  const run = (command: Command) => {
    chain = chain.then(handlers[command]).catch(warnUnavailable);
  };

  const parley: ParleyFunction = (...args: unknown[]) => {
    const [command] = args;
    if (typeof command === 'string' && COMMANDS.includes(command)) run(command as Command);
    else if (typeof command === 'string' && FORWARDED.includes(command)) {
      // Identify and attributes wait for the chat to load (on the visitor's first intent): they
      // never make a page fetch the chat by themselves. Shutdown forgets the visitor right away.
      if (command === 'shutdown') forgetVisitor(openStorage(win), siteKey);
      // Through the chain, so a command never overtakes an `open` still waiting for the module.
      chain = chain.then(() => {
        if (controller) controller.run(args);
        else if (command === 'shutdown') forwarded = forwarded.filter(([queued]) => queued === 'on');
        else forwarded.push(args);
      }).catch(warnUnavailable);
    } else console.warn(`Parley: unknown command ${JSON.stringify(command)}. See docs/widget.md.`);
  };
  parley.loaded = true;
  win.Parley = parley;

  // The site's side, offsets, colour, label and language. The bubble stays hidden until they are
  // known (configure() replaces its inline style), so it never jumps corners; when they cannot be
  // read (no relay, a foreign page, an error body without `launcher`), the catch shows it with the
  // defaults.
  win
    .fetch(`${relayOrigin}/v1/widget/config?siteKey=${siteKey}`)
    .then((response) => response.json())
    .then(({ launcher: settings }: WidgetConfig) => {
      if (!lang && settings.language) launcher.setLanguage((language = settings.language));
      launcher.configure(settings.style, settings.label);
    })
    .catch(() => launcher.configure('', ''));

  launcher.addEventListener('parley-intent', () => void load().catch(() => undefined));
  launcher.addEventListener('parley-toggle', () => run('toggle'));
  whenBodyReady(doc, () => doc.body.append(launcher));

  for (const args of Array.from(queued?.q ?? [])) parley(...Array.from(args));

  // A returning visitor with a conversation gets the chat loaded (hidden) once the page is idle,
  // so an agent's reply shows up as an unread badge without a click.
  if (readItem(openStorage(win), storageKey(siteKey, 'conversation'))) {
    whenIdle(win, () => void mount().catch(warnUnavailable));
  }
}

function whenBodyReady(doc: Document, append: () => void): void {
  if (doc.body) append();
  else doc.addEventListener('DOMContentLoaded', append, { once: true });
}

function whenIdle(win: Window, callback: () => void): void {
  if ('requestIdleCallback' in win) win.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  else (win as Window).setTimeout(callback, IDLE_TIMEOUT_MS / 2);
}

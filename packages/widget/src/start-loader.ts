import type { WidgetConfig } from '@parley/protocol';
import { pickLanguage } from './language';
import type { ChatController, WidgetModule } from './launcher-handle';
import type { ParleyFunction } from './parley-global';
import { LAUNCHER_TAG, defineLauncher, type ParleyLauncher } from './parley-launcher';
import { parseTheme } from './theme';
import { forgetVisitor, openStorage, readItem, storageKey, writeItem } from './visitor-storage';

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
/** Commands the widget module runs: kept here, in order, until it is loaded. */
const FORWARDED: readonly string[] = ['identify', 'set', 'on', 'shutdown'];

/** How long the idle work (the bubble, a preload) may wait for the page to go quiet before it runs anyway. */
const IDLE_TIMEOUT_MS = 4000;

/**
 * Installs the `Parley(...)` dispatcher, replaying what the page queued before the loader arrived,
 * and, at the page's first idle moment, the bubble. Runs once per page however many times the
 * script is included. While the page loads it does nothing else: the bubble's shadow DOM, styles
 * and settings, and any preload, wait for idle, so they never lengthen the page's own tasks or
 * delay its paints.
 */
export function startLoader(env: LoaderEnvironment): void {
  const win = env.window;
  const doc = win.document;
  const queued = win.Parley;
  if (queued?.loaded) return;

  const siteKey = env.script?.getAttribute('data-site-key');
  if (!env.script || !siteKey) {
    console.warn('Parley: the loader script has no data-site-key. Copy the snippet again from the console.');
    return;
  }
  const relayOrigin = new URL(env.script.src, doc.baseURI).origin;
  const widgetUrl = `${relayOrigin}/widget/${env.widgetFile}`;
  const importModule = env.importModule ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<WidgetModule>);

  // The site may fix the language and colour scheme; otherwise the visitor's browser decides.
  const lang = env.script.getAttribute('data-lang');
  let language = pickLanguage(win.navigator.languages, lang);
  const theme = parseTheme(env.script.getAttribute('data-theme'));
  const storage = openStorage(win);

  let launcher: ParleyLauncher | undefined;
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
        controller = module.mount({ siteKey, relayOrigin, launcher: bubble(), language, ...(theme ? { theme } : {}) });
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
    // Own properties only, so `toString` and the like are unknown commands; a non-string is none.
    if (handlers.hasOwnProperty(command as string)) run(command as Command);
    else if (FORWARDED.includes(command as string)) {
      // Identify and attributes wait for the chat to load (on the visitor's first intent): they
      // never make a page fetch the chat by themselves. Shutdown forgets the visitor right away.
      if (command === 'shutdown') forgetVisitor(storage, siteKey);
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

  // The site's side, offsets, colour, label and language. The relay's last answer, kept on the
  // device (`launcher`: the response as it came), places the bubble at once; the relay is asked
  // again at the next idle moment (within its 30 s max-age the browser's HTTP cache answers) and
  // its answer applied and kept, so a console change shows within the page view that asks. With
  // no answer kept, the bubble stays hidden until one comes (configure() replaces its inline
  // style), so it never jumps corners; when the settings cannot be read (no relay, a foreign page,
  // an error body without `launcher`), it shows with the defaults.
  const configKey = storageKey(siteKey, 'launcher');
  const apply = (body: string | null) => {
    const { launcher: settings } = JSON.parse(body!) as WidgetConfig;
    if (!lang && settings.language) launcher!.setLanguage((language = settings.language));
    launcher!.configure(settings.style, settings.label);
    return body;
  };
  const bubble = (): ParleyLauncher => {
    if (launcher) return launcher;
    defineLauncher(win.customElements);
    launcher = doc.createElement(LAUNCHER_TAG);
    launcher.setLanguage(language);
    let kept: unknown;
    try {
      kept = apply(readItem(storage, configKey));
    } catch {
      // Nothing kept yet, or something this loader cannot read: as on a first visit.
      launcher.style.visibility = 'hidden';
    }
    // At the next idle moment: starting a cross-origin fetch is work of its own, and the two
    // together can make one long task on a slow phone.
    whenIdle(win, () =>
      win
        .fetch(`${relayOrigin}/v1/widget/config?siteKey=${siteKey}`)
        .then((response) => response.text())
        // An error body has no `launcher`: apply() throws on it, and nothing is kept.
        .then((body) => writeItem(storage, configKey, apply(body)))
        .catch(() => kept || launcher!.configure('', '')),
    );
    launcher.addEventListener('parley-intent', () => void load().catch(() => undefined));
    launcher.addEventListener('parley-toggle', () => run('toggle'));
    // Built at idle there is a <body>; built earlier for a Parley('open'), the async loader may
    // have beaten the parser to it, and the bubble is fixed-position either way.
    (doc.body ?? doc.documentElement).append(launcher);
    return launcher;
  };

  // Each an `arguments` object, iterable like an array.
  for (const args of queued?.q ?? []) parley(...(args as unknown[]));

  // A returning visitor with a conversation gets the chat loaded (hidden), so an agent's reply
  // shows up as an unread badge without a click; one who had the panel open when they left the
  // last page (`open`, which the panel keeps) gets it loaded so the panel can open itself again.
  whenIdle(win, () => {
    bubble();
    if (readItem(storage, storageKey(siteKey, 'conversation')) || readItem(storage, storageKey(siteKey, 'open')) == '1') {
      mount().catch(warnUnavailable);
    }
  });
}

/**
 * At the page's first idle moment: the browser runs idle callbacks only when it has no task or
 * frame to do, so what runs here never lengthens the page's own tasks or delays its paints.
 * Without requestIdleCallback (Safari), after a pause long enough for a page to have loaded.
 */
function whenIdle(win: Window, callback: () => void): void {
  if ('requestIdleCallback' in win) win.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  else (win as Window).setTimeout(callback, IDLE_TIMEOUT_MS / 2);
}

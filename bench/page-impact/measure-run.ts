/**
 * One measured page view in headless Chromium with 4x CPU throttling: a fresh browser context
 * (empty cache, no stored conversation: a first visit), the page loaded, left alone for a fixed
 * settle time, measured; then the pointer moved over the launcher's place (which prefetches the
 * panel on a page with the snippet) and measured again. Nothing is clicked.
 */
import type { Browser, CDPSession } from 'playwright-core';
import { attributeTrace, pageMainThread, type TraceAttribution, type TraceEvent } from './trace-attribution';

/**
 * `with` the snippet, `without` it, and `floor`: the same snippet loading an empty script from another
 * origin, the least any third-party script tag costs a page, so Parley's own share can be told apart.
 */
export type Variant = 'with' | 'without' | 'floor';

/** 4x is Lighthouse's mobile setting: a mid-range phone on this machine's CPU. */
const CPU_THROTTLING_RATE = 4;
/** After `load` (which the async loader delays until it has run): time for idle work to happen. */
const SETTLE_MS = 2000;
/** After the hover: the panel module is fetched, parsed and evaluated within this. */
const HOVER_SETTLE_MS = 2500;

export interface PhaseSample {
  /** Main-thread task time (Performance.getMetrics TaskDuration delta), ms. */
  taskMs: number;
  /** Of which JavaScript (ScriptDuration delta), ms. */
  scriptMs: number;
  /**
   * The same TaskDuration on the main thread's CPU clock. Throttling stretches it too (measured:
   * ~20 ms at 1x, 75 ms and more at 4x for the plain page), but time the thread spends waiting for a
   * core that other processes hold does not count, so on a busy machine it is the steadier figure.
   */
  cpuMs: number;
  longTasks: number;
  longTaskMs: number;
  /** Bytes on the wire (headers included) from the relay's origin. */
  widgetBytes: number;
  /** The same page view's main-thread tasks split by cause, from a trace (trace-attribution.ts). */
  trace: TraceAttribution;
  widgetRequests: number;
}

export interface RunSample {
  variant: Variant;
  beforeClick: PhaseSample;
  lcpMs: number;
  launcherShown: boolean;
  /** From the hover to the end of its settle time. */
  afterHover: PhaseSample;
}

export interface RunSetup {
  browser: Browser;
  pageOrigin: string;
  relayOrigin: string;
  /** Where the floor variant's empty script comes from: its tasks are attributed to that origin. */
  floorOrigin: string;
  /** Where the launcher button sits (viewport coordinates), so both variants are hovered alike. */
  hoverPoint: { x: number; y: number };
}

/** Collects long tasks (the browser reports tasks over 50 ms) and LCP from the first byte of every document (an init script). */
const OBSERVERS = `(() => {
  const seen = { longTasks: [], lcp: 0 };
  Object.defineProperty(window, '__pageImpact', { value: seen });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    seen.lcp = entries[entries.length - 1].startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})();`;

interface Observed {
  longTasks: number[];
  lcp: number;
  launcherShown: boolean;
}

export async function measureRun(setup: RunSetup, variant: Variant): Promise<RunSample> {
  const context = await setup.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(OBSERVERS);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // A second session, because a session's Performance domain runs on one clock only.
    const cpuClock = await context.newCDPSession(page);
    await page.goto(`${setup.pageOrigin}/blank`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING_RATE });
    const wire = await watchRelayBytes(cdp, setup.relayOrigin);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await cpuClock.send('Performance.enable', { timeDomain: 'threadTicks' });
    const start = await taskMetrics(cdp, cpuClock);
    const pageUrl = `${setup.pageOrigin}/${variant}`;
    const scriptOrigin = variant === 'floor' ? setup.floorOrigin : setup.relayOrigin;

    let trace = await startTrace(cdp);
    await page.goto(pageUrl, { waitUntil: 'load' });
    await pause(SETTLE_MS);
    // Metrics first: reading them costs the page nothing, the evaluate below does.
    const settled = await taskMetrics(cdp, cpuClock);
    const settledWire = wire.totals();
    const loadEvents = await trace.stop();
    const mainThread = pageMainThread(loadEvents, pageUrl);
    if (!mainThread) throw new Error(`the trace of ${pageUrl} has no ParseHTML for it: Chromium renamed its trace events?`);
    const loadedTrace = attributeTrace(loadEvents, mainThread, scriptOrigin);
    const loaded = await observed(page);

    trace = await startTrace(cdp);
    await page.mouse.move(setup.hoverPoint.x, setup.hoverPoint.y);
    await pause(HOVER_SETTLE_MS);
    const hovered = await taskMetrics(cdp, cpuClock);
    const hoveredWire = wire.totals();
    // The same renderer thread as the load window's (no HTML is parsed in this one to find it by).
    const hoverTrace = attributeTrace(await trace.stop(), mainThread, scriptOrigin);
    const afterHover = await observed(page);

    return {
      variant,
      beforeClick: {
        ...taskDelta(start, settled),
        longTasks: loaded.longTasks.length,
        longTaskMs: sum(loaded.longTasks),
        widgetBytes: settledWire.bytes,
        widgetRequests: settledWire.requests,
        trace: loadedTrace,
      },
      lcpMs: loaded.lcp,
      launcherShown: loaded.launcherShown,
      afterHover: {
        ...taskDelta(settled, hovered),
        longTasks: afterHover.longTasks.length - loaded.longTasks.length,
        longTaskMs: sum(afterHover.longTasks) - sum(loaded.longTasks),
        widgetBytes: hoveredWire.bytes - settledWire.bytes,
        widgetRequests: hoveredWire.requests - settledWire.requests,
        trace: hoverTrace,
      },
    };
  } finally {
    await context.close();
  }
}

/** Where the launcher's button is on a page with the snippet, once it has been drawn. */
export async function findLauncher(browser: Browser, pageOrigin: string): Promise<{ x: number; y: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${pageOrigin}/with`);
    const box = await page.locator('parley-launcher [part~="launcher"]').boundingBox({ timeout: 10_000 });
    if (!box) throw new Error('the launcher is not visible on the page with the snippet');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  } finally {
    await context.close();
  }
}

interface TaskMetrics {
  task: number;
  script: number;
  cpu: number;
}

async function taskMetrics(wallClock: CDPSession, cpuClock: CDPSession): Promise<TaskMetrics> {
  const [wall, cpu] = await Promise.all([wallClock.send('Performance.getMetrics'), cpuClock.send('Performance.getMetrics')]);
  const value = (metrics: { name: string; value: number }[], name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return {
    task: value(wall.metrics, 'TaskDuration'),
    script: value(wall.metrics, 'ScriptDuration'),
    cpu: value(cpu.metrics, 'TaskDuration'),
  };
}

/**
 * The counters run per renderer since Performance.enable. If the navigation moved the page to a
 * new renderer, DevTools re-enables the domain there and the counters restart from zero: then the
 * later reading alone is the page's whole cost.
 */
function taskDelta(from: TaskMetrics, to: TaskMetrics): { taskMs: number; scriptMs: number; cpuMs: number } {
  const restarted = to.task < from.task || to.cpu < from.cpu;
  return {
    taskMs: restarted ? to.task : to.task - from.task,
    scriptMs: restarted ? to.script : to.script - from.script,
    cpuMs: restarted ? to.cpu : to.cpu - from.cpu,
  };
}

/**
 * Timeline categories (what the Performance panel records), from before the navigation: RunTask
 * marks each top-level task, its nested events name the script, callback or request it served.
 */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'loading', 'toplevel'];

async function startTrace(cdp: CDPSession): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  const collect = (event: { value: object[] }) => events.push(...(event.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return events;
    },
  };
}

async function watchRelayBytes(cdp: CDPSession, relayOrigin: string) {
  const relayRequests = new Set<string>();
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith(`${relayOrigin}/`)) relayRequests.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (!relayRequests.has(event.requestId)) return;
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await cdp.send('Network.enable');
  return { totals: () => ({ bytes, requests }) };
}

async function observed(page: import('playwright-core').Page): Promise<Observed> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __pageImpact: { longTasks: number[]; lcp: number } }).__pageImpact;
    return { longTasks: [...seen.longTasks], lcp: seen.lcp, launcherShown: document.querySelector('parley-launcher') !== null };
  });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

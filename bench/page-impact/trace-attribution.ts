/**
 * Splits a page view's main-thread time by who caused it, from a Chromium trace (devtools.timeline
 * categories): the page's own renderer main thread, its top-level tasks, and for each task the
 * URLs its events name (a script evaluated or compiled, a function or callback called, a resource
 * requested or received). Performance.getMetrics' TaskDuration counts everything the renderer does,
 * including what the browser does for any cross-origin script tag whatever it holds; this says how
 * much of it ran Parley's code.
 */

/** The fields of a trace event this file reads (Chromium's JSON trace format). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the event has it: RunTask does. */
  tdur?: number;
  args?: Record<string, unknown>;
}

/**
 * Sums of top-level task durations (wall clock, `dur`) in ms; the `Cpu` twins sum the same tasks'
 * thread time (`tdur`), which time spent waiting for a core other processes hold does not stretch.
 */
export interface TraceAttribution {
  /** Every top-level task on the page's main thread. */
  allTasksMs: number;
  /** Tasks that ran a script or callback from the script's origin (evaluate, compile, call, timer, idle callback). */
  scriptMs: number;
  scriptCpuMs: number;
  /**
   * Tasks that only handled a request to that origin (send, response, data, finish): what the
   * browser does for any cross-origin fetch, whatever the script holds.
   */
  networkMs: number;
  networkCpuMs: number;
  /** Style, layout and paint tasks, whoever dirtied the page. */
  renderingMs: number;
  /** The longest task that ran the script. */
  longestScriptTaskMs: number;
}

const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireIdleCallback', 'EventDispatch', 'v8.produceCache', 'CompileScript']);
const NETWORK_EVENTS = new Set(['ResourceSendRequest', 'ResourceWillSendRequest', 'ResourceReceiveResponse', 'ResourceReceivedData', 'ResourceFinish', 'ResourceChangePriority']);
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'Commit', 'RecalculateStyles']);

export interface TraceThread {
  pid: number;
  tid: number;
}

/** The page's renderer main thread: the one that parsed the measured page's HTML. */
export function pageMainThread(events: readonly TraceEvent[], pageUrl: string): TraceThread | undefined {
  const parse = events.find((event) => event.name === 'ParseHTML' && urlsOf(event).some((url) => url.startsWith(pageUrl)));
  return parse ? { pid: parse.pid, tid: parse.tid } : undefined;
}

function requestIdOf(event: TraceEvent): string | undefined {
  const data = event.args?.['data'] as { requestId?: unknown } | undefined;
  return typeof data?.requestId === 'string' ? data.requestId : undefined;
}

function urlsOf(event: TraceEvent): string[] {
  const urls: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'url' || key === 'fileName') && typeof inner === 'string') urls.push(inner);
      else visit(inner, depth + 1);
    }
  };
  visit(event.args, 0);
  return urls;
}

/** Attributes the main thread's tasks to the scripts and requests of `scriptOrigin` (Parley's relay, or the floor's third party). */
export function attributeTrace(events: readonly TraceEvent[], main: TraceThread, scriptOrigin: string): TraceAttribution {
  const result: TraceAttribution = { allTasksMs: 0, scriptMs: 0, scriptCpuMs: 0, networkMs: 0, networkCpuMs: 0, renderingMs: 0, longestScriptTaskMs: 0 };
  const fromOrigin = (url: string) => url.startsWith(`${scriptOrigin}/`);
  // A response's events name only the request's id: its URL is on the request.
  const requests = new Set(
    events.filter((event) => NETWORK_EVENTS.has(event.name) && urlsOf(event).some(fromOrigin)).map(requestIdOf).filter((id) => id !== undefined),
  );
  const onMain = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && ((event.ph === 'X' && event.dur !== undefined) || event.ph === 'I' || event.ph === 'i'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  let task: { end: number; ms: number; cpuMs: number; script: boolean; network: boolean; rendering: boolean } | undefined;
  const close = () => {
    if (!task) return;
    result.allTasksMs += task.ms;
    if (task.script) {
      result.scriptMs += task.ms;
      result.scriptCpuMs += task.cpuMs;
      result.longestScriptTaskMs = Math.max(result.longestScriptTaskMs, task.ms);
    } else if (task.network) {
      result.networkMs += task.ms;
      result.networkCpuMs += task.cpuMs;
    } else if (task.rendering) result.renderingMs += task.ms;
    task = undefined;
  };
  for (const event of onMain) {
    if (task && event.ts >= task.end) close();
    if (!task) {
      if (TOP_LEVEL.has(event.name) && event.dur !== undefined) {
        task = { end: event.ts + event.dur, ms: event.dur / 1000, cpuMs: (event.tdur ?? event.dur) / 1000, script: false, network: false, rendering: false };
      }
      continue;
    }
    if (SCRIPT_EVENTS.has(event.name) && urlsOf(event).some(fromOrigin)) task.script = true;
    else if (NETWORK_EVENTS.has(event.name) && requests.has(requestIdOf(event) ?? '')) task.network = true;
    else if (RENDERING_EVENTS.has(event.name)) task.rendering = true;
  }
  close();
  return result;
}

export { runFaultHarness, type FaultHarnessOptions } from './fault-harness';
export { formatReport, reportMarkdown, type Report, type PinnedFinding } from './report';
export { FAULT_KINDS, type FaultKind } from './faults';
export type { FaultEvent } from './fault-schedule';
export type { Finding, FindingKind } from './verify';

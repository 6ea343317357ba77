/** `dist/manifest.json`, written by build.ts: what the relay serves and how big it is. */
export interface WidgetManifest {
  loader: BundleInfo;
  widget: BundleInfo;
  /**
   * Split off the panel: `chat-strings-<lang>-<hash>.js`, the chat's words in a language other than
   * English (fetched only for visitors who read it), and `chunk-<hash>.js`, helpers the panel imports.
   */
  chunks: BundleInfo[];
}

export interface BundleInfo {
  /** File name under `dist/` (and under `/widget/` on the relay). */
  file: string;
  bytes: number;
  gzipBytes: number;
}

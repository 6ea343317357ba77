/** `dist/manifest.json`, written by build.ts: what the relay serves and how big it is. */
export interface WidgetManifest {
  loader: BundleInfo;
  widget: BundleInfo;
}

export interface BundleInfo {
  /** File name under `dist/` (and under `/widget/` on the relay). */
  file: string;
  bytes: number;
  gzipBytes: number;
}

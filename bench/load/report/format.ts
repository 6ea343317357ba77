/** Number formatting shared by the table and the doc. */
export const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-');
export const msText = (value: number | null) => (value === null || !Number.isFinite(value) ? '-' : value < 10 ? value.toFixed(2) : value.toFixed(1));
export const ratio = (value: number) =>
  Number.isFinite(value) && value > 0 ? `${value < 0.1 ? value.toPrecision(2) : value < 10 ? value.toFixed(2) : value.toFixed(0)}×` : '-';
export const kib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '-');
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FALL SHORT');

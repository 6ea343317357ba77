/** File names as uploaders send them, made safe to store, show and put in a header. */
import { ATTACHMENT_NAME_MAX } from '@parley/protocol';

/** The last path segment, without control characters, at most ATTACHMENT_NAME_MAX characters (extension kept). */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // Control characters, and the bidi overrides that make "invoice\u202Egnp.exe" display as "invoiceexe.png".
  const name = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!name) return 'file';
  const chars = Array.from(name);
  if (chars.length <= ATTACHMENT_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return chars.slice(0, ATTACHMENT_NAME_MAX - extension.length).join('') + extension;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback name and the exact one in RFC 5987
 * form, so neither quotes nor non-Latin names can break out of the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

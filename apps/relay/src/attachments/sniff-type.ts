/**
 * The allow-list check: a file's type from its first bytes (its "magic number"), never from its
 * name or the type the uploader declared, which are whatever the uploader wants them to be.
 */
import type { AttachmentType } from '@parley/protocol';

/** How many leading bytes `sniffType` needs to decide. */
export const SNIFF_BYTES = 12;

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/** The allowed type these bytes begin with, or null for anything else (SVG, HTML, executables, ...). */
export function sniffType(head: Uint8Array): AttachmentType | null {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => head[i] === byte)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  return null;
}

/** Images are shown in the page (previews); everything else is only ever downloaded. */
export function isPreviewable(type: string): boolean {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/gif' || type === 'image/webp';
}

/**
 * A pass-through stream that enforces the upload rules while the bytes flow to the store: it
 * holds back the first bytes until it can sniff the type, and fails the stream as soon as the
 * type is not allowed or the size passes the limit, so a refused file is never stored whole.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { AttachmentType } from '@parley/protocol';
import { ParleyError } from '../parley-error';
import { SNIFF_BYTES, sniffType } from './sniff-type';

export class UploadGuard extends Transform {
  /** Set once the first bytes were sniffed and allowed. */
  type: AttachmentType | null = null;
  size = 0;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new ParleyError('attachment_too_large', `limit ${this.maxBytes} bytes`));
    if (this.type) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done();
    this.release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.type) return done();
    this.release(done);
  }

  private release(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.type = sniffType(head);
    if (!this.type) return done(new ParleyError('attachment_type_refused', head.length === 0 ? 'the file is empty' : undefined));
    done(null, head);
  }
}

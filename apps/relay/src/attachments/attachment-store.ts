/**
 * Where attachment bytes live. The relay talks only to this interface; the database keeps the
 * metadata and the `storageKey`. `LocalDiskStore` is the default (ATTACHMENTS_DIR).
 *
 * An S3-compatible store implements the same three methods: `put` streams `content` with a
 * multipart upload (e.g. `@aws-sdk/lib-storage`'s `Upload` with `Body: content`) to
 * `<bucket>/<prefix><key>`, `get` returns the `GetObject` body stream (null on `NoSuchKey`), and
 * `delete` is `DeleteObject`. Downloads still go through the relay, which checks access and sets
 * the safe headers; the bucket itself stays private.
 */
import type { Readable } from 'node:stream';

export interface AttachmentStore {
  /**
   * Stores the stream under `key`. If the stream errors (too large, refused type, client gone)
   * the promise rejects with that error and nothing is left under `key`. Attach to `content`
   * before the first await: it may already be flowing.
   */
  put(key: string, content: Readable): Promise<void>;
  /** The bytes stored under `key`, or null when there are none. */
  get(key: string): Promise<Readable | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** The default AttachmentStore: one file per key in a directory on the relay's disk. */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentStore } from './attachment-store';

/** Keys are ours (uuids), but a store must never be talked into writing outside its directory. */
function assertKey(key: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) throw new Error(`invalid attachment key: ${key}`);
}

export class LocalDiskStore implements AttachmentStore {
  private madeDir = false;

  constructor(private readonly dir: string) {}

  async put(key: string, content: Readable): Promise<void> {
    assertKey(key);
    // Synchronously, once: `content` may already be flowing, and must meet its consumer (the
    // pipeline below) before it can fail, or its error would have no listener.
    if (!this.madeDir) mkdirSync(this.dir, { recursive: true });
    this.madeDir = true;
    // Written under a temporary name and renamed when complete: a reader never sees half a file.
    const partial = join(this.dir, `.${key}.${randomUUID()}.part`);
    const sink = createWriteStream(partial, { flags: 'wx' });
    try {
      await pipeline(content, sink);
      await rename(partial, join(this.dir, key));
    } catch (error) {
      // A refusal can come before the file is even open; the stream still creates it then, so
      // wait until it has closed before removing it, or the partial file would outlive the rm.
      // (Not events.once: the sink was destroyed with the refusal and emits it as an error.)
      if (!sink.closed) await new Promise<void>((closed) => sink.once('close', () => closed()));
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    assertKey(key);
    try {
      const handle = await open(join(this.dir, key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    await rm(join(this.dir, key), { force: true });
  }
}

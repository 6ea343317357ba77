import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyError } from '../parley-error';
import { LocalDiskStore } from './local-disk-store';
import { UploadGuard } from './upload-guard';

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** The bytes in chunks, as a socket delivers them: the sniffer must cope with a head split up. */
function chunked(data: Buffer, size = 5): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) chunks.push(data.subarray(at, at + size));
  return Readable.from(chunks);
}

function guarded(data: Buffer, maxBytes: number): UploadGuard {
  const guard = new UploadGuard(maxBytes);
  const source = chunked(data);
  source.on('error', (error) => guard.destroy(error));
  source.pipe(guard);
  return guard;
}

describe('LocalDiskStore with the UploadGuard', () => {
  let dir: string;
  let store: LocalDiskStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-store-'));
    store = new LocalDiskStore(join(dir, 'files'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores an allowed file whole, reads it back and deletes it', async () => {
    const data = Buffer.concat([PNG_HEAD, Buffer.from('rest of the image')]);
    const guard = guarded(data, 1024);
    await store.put('a1', guard);
    expect(guard.type).toBe('image/png');
    expect(guard.size).toBe(data.length);
    expect(await text((await store.get('a1'))!)).toBe(data.toString());
    await store.delete('a1');
    expect(await store.get('a1')).toBeNull();
    await store.delete('a1');
  });

  it('accepts a file of exactly the limit and refuses one byte more, leaving nothing behind', async () => {
    const exact = Buffer.concat([PNG_HEAD, Buffer.alloc(100 - PNG_HEAD.length)]);
    await store.put('exact', guarded(exact, 100));
    const over = Buffer.concat([exact, Buffer.from([0])]);
    const refused = store.put('over', guarded(over, 100));
    await expect(refused).rejects.toBeInstanceOf(ParleyError);
    await expect(refused).rejects.toMatchObject({ code: 'attachment_too_large' });
    expect(await store.get('over')).toBeNull();
    expect(await readdir(join(dir, 'files'))).toEqual(['exact']);
  });

  it('refuses content of a type not allowed, whatever it is called, and an empty file', async () => {
    await expect(store.put('svg', guarded(Buffer.from('<svg onload="alert(1)"></svg>'), 1024))).rejects.toMatchObject({ code: 'attachment_type_refused' });
    await expect(store.put('empty', guarded(Buffer.alloc(0), 1024))).rejects.toMatchObject({ code: 'attachment_type_refused' });
    expect(await readdir(join(dir, 'files'))).toEqual([]);
  });

  it('refuses keys that could leave its directory', async () => {
    await expect(store.put('../escape', Readable.from([PNG_HEAD]))).rejects.toThrow(/invalid attachment key/);
    await expect(store.get('a/b')).rejects.toThrow(/invalid attachment key/);
  });
});

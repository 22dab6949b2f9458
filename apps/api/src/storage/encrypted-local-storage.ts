import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DocumentStorage,
  STORAGE_KEY_PATTERN,
  StoredFileCorruptError,
  StoredFileNotFoundError,
} from './document-storage';

const MAGIC = Buffer.from('BCD1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + TAG_BYTES;

/**
 * Local-disk adapter that encrypts every file at rest with AES-256-GCM: a random 12-byte IV per
 * file, the key as additional authenticated data (a file moved under another key fails), and the
 * tag checked on every read. File layout: `BCD1` | IV (12) | tag (16) | ciphertext.
 * Writes go to a temporary file first and are renamed into place, so a crash leaves no half file.
 */
export class EncryptedLocalStorage extends DocumentStorage {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
  ) {
    super();
    if (key.length !== 32) throw new Error('the document encryption key must be 32 bytes');
  }

  private pathOf(key: string): string {
    if (!STORAGE_KEY_PATTERN.test(key)) throw new Error('malformed storage key');
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    const tag = cipher.getAuthTag();
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(Buffer.concat([MAGIC, iv, tag, ciphertext]));
      await handle.sync();
    } catch (err) {
      await handle.close();
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    let raw: Buffer;
    try {
      raw = await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StoredFileNotFoundError(`no stored file for key ${key}`);
      }
      throw err;
    }
    if (raw.length < HEADER_BYTES || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new StoredFileCorruptError('the stored file is not in the expected format');
    }
    const iv = raw.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = raw.subarray(MAGIC.length + IV_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(key, 'ascii'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(raw.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new StoredFileCorruptError('the stored file failed its integrity check');
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

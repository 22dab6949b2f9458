import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentCipher, singleKeyring, type DocumentKeyring } from './document-cipher';
import { DocumentStorage, STORAGE_KEY_PATTERN, StoredFileNotFoundError } from './document-storage';

/**
 * Local-disk adapter (the single-machine default) that encrypts every file at rest with
 * AES-256-GCM (DocumentCipher: a random IV per file, the storage key and the key id authenticated,
 * keys rotatable). Writes go to a temporary file first and are renamed into place, so a crash
 * leaves no half file.
 */
export class EncryptedLocalStorage extends DocumentStorage {
  private readonly cipher: DocumentCipher;

  constructor(
    private readonly dir: string,
    keys: Buffer | DocumentKeyring,
  ) {
    super();
    this.cipher = new DocumentCipher(Buffer.isBuffer(keys) ? singleKeyring(keys) : keys);
  }

  private pathOf(key: string): string {
    if (!STORAGE_KEY_PATTERN.test(key)) throw new Error('malformed storage key');
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const sealed = this.cipher.seal(key, data);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(sealed);
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
    return this.cipher.open(key, raw);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

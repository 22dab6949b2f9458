import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newStorageKey, StoredFileCorruptError, StoredFileNotFoundError } from './document-storage';
import { EncryptedLocalStorage } from './encrypted-local-storage';

describe('EncryptedLocalStorage', () => {
  let dir: string;
  let storage: EncryptedLocalStorage;
  const key = randomBytes(32);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bc-storage-'));
    storage = new EncryptedLocalStorage(dir, key);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const fileOf = (k: string) => join(dir, k.slice(0, 2), k);

  it('round-trips the bytes and never writes the plaintext', async () => {
    const k = newStorageKey();
    const data = Buffer.from('%PDF-1.4 秘密の本人確認書類 '.repeat(100));
    await storage.put(k, data);
    expect(await storage.get(k)).toEqual(data);
    const onDisk = await readFile(fileOf(k));
    expect(onDisk.includes(Buffer.from('秘密の本人確認書類'))).toBe(false);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    // no temporary file left behind
    expect(await readdir(join(dir, k.slice(0, 2)))).toEqual([k]);
  });

  it('uses a fresh IV per file: the same bytes encrypt differently', async () => {
    const [a, b] = [newStorageKey(), newStorageKey()];
    const data = Buffer.from('same content');
    await storage.put(a, data);
    await storage.put(b, data);
    expect((await readFile(fileOf(a))).equals(await readFile(fileOf(b)))).toBe(false);
  });

  it('refuses a tampered file', async () => {
    const k = newStorageKey();
    await storage.put(k, Buffer.from('original content of the document'));
    const raw = await readFile(fileOf(k));
    raw[raw.length - 1] ^= 0x01;
    await writeFile(fileOf(k), raw);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('refuses a file with an altered tag or a truncated body', async () => {
    const k = newStorageKey();
    await storage.put(k, Buffer.from('original content of the document'));
    const raw = await readFile(fileOf(k));
    const tagged = Buffer.from(raw);
    tagged[4 + 12] ^= 0xff;
    await writeFile(fileOf(k), tagged);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StoredFileCorruptError);
    await writeFile(fileOf(k), raw.subarray(0, 20));
    await expect(storage.get(k)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('refuses a file moved under another key, and a file read with another encryption key', async () => {
    const [a, b] = [newStorageKey(), newStorageKey()];
    await storage.put(a, Buffer.from('document A'));
    await storage.put(b, Buffer.from('document B'));
    await writeFile(fileOf(b), await readFile(fileOf(a)));
    await expect(storage.get(b)).rejects.toBeInstanceOf(StoredFileCorruptError);
    const other = new EncryptedLocalStorage(dir, randomBytes(32));
    await expect(other.get(a)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('reports a missing file, deletes idempotently, and refuses malformed keys', async () => {
    const k = newStorageKey();
    await expect(storage.get(k)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await storage.put(k, Buffer.from('x'));
    await storage.delete(k);
    await storage.delete(k);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/malformed/);
  });

  it('reads files written before key ids (BCD1) with whichever configured key wrote them', async () => {
    const k = newStorageKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(k, 'ascii'));
    const body = Buffer.concat([cipher.update('an older document'), cipher.final()]);
    await storage.put(k, Buffer.from('placeholder'));
    await writeFile(fileOf(k), Buffer.concat([Buffer.from('BCD1'), iv, cipher.getAuthTag(), body]));
    expect((await storage.get(k)).toString()).toBe('an older document');
    // After a rotation the old key is among the others: still readable.
    const rotated = new EncryptedLocalStorage(dir, {
      currentId: 'k2',
      keys: new Map([
        ['k2', randomBytes(32)],
        ['k1', key],
      ]),
    });
    expect((await rotated.get(k)).toString()).toBe('an older document');
    await expect(new EncryptedLocalStorage(dir, randomBytes(32)).get(k)).rejects.toBeInstanceOf(
      StoredFileCorruptError,
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new EncryptedLocalStorage(dir, randomBytes(16))).toThrow(/32 bytes/);
  });
});

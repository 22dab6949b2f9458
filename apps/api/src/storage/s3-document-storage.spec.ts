import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { singleKeyring, type DocumentKeyring } from './document-cipher';
import { newStorageKey, StoredFileCorruptError, StoredFileNotFoundError } from './document-storage';
import { S3DocumentStorage, type S3StorageOptions } from './s3-document-storage';

/** Against a real S3-compatible server (s3rver, in this process): what the SDK sends is what S3 gets. */
describe('S3DocumentStorage', () => {
  let server: S3rver;
  let dir: string;
  let options: S3StorageOptions;
  let raw: S3Client;
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const storageWith = (keyring: DocumentKeyring) => new S3DocumentStorage(options, keyring);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bc-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'bc-documents', configs: [] }],
    });
    const { port } = (await server.run()) as AddressInfo;
    options = {
      bucket: 'bc-documents',
      prefix: 'documents/',
      region: 'ap-northeast-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    };
    raw = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: true,
      credentials: options.credentials,
    });
  });
  afterAll(async () => {
    raw?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const objectOf = async (key: string) => {
    const res = await raw.send(new GetObjectCommand({ Bucket: 'bc-documents', Key: `documents/${key}` }));
    return Buffer.from(await res.Body!.transformToByteArray());
  };

  it('round-trips the bytes through the bucket, which never holds the plaintext', async () => {
    const storage = storageWith(singleKeyring(k1));
    const key = newStorageKey();
    const data = Buffer.from('%PDF-1.4 秘密の本人確認書類 '.repeat(100));
    await storage.put(key, data);
    expect(await storage.get(key)).toEqual(data);
    const stored = await objectOf(key);
    expect(stored.includes(Buffer.from('秘密の本人確認書類'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    // Another process (another client, same bucket) reads it: documents outlive the machine.
    expect(await storageWith(singleKeyring(k1)).get(key)).toEqual(data);
  });

  it('reports a missing object, deletes idempotently, and refuses malformed keys', async () => {
    const storage = storageWith(singleKeyring(k1));
    const key = newStorageKey();
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await storage.put(key, Buffer.from('x'));
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/malformed/);
  });

  it('refuses an altered object and one moved under another key', async () => {
    const storage = storageWith(singleKeyring(k1));
    const [a, b] = [newStorageKey(), newStorageKey()];
    await storage.put(a, Buffer.from('document A'));
    const altered = await objectOf(a);
    altered[altered.length - 1] ^= 0x01;
    await raw.send(new PutObjectCommand({ Bucket: 'bc-documents', Key: `documents/${a}`, Body: altered }));
    await expect(storage.get(a)).rejects.toBeInstanceOf(StoredFileCorruptError);
    await storage.put(a, Buffer.from('document A'));
    await raw.send(
      new PutObjectCommand({ Bucket: 'bc-documents', Key: `documents/${b}`, Body: await objectOf(a) }),
    );
    await expect(storage.get(b)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('rotates keys: new documents take the new key id, old ones stay readable while their key is kept', async () => {
    const before = storageWith(singleKeyring(k1, 'k1'));
    const old = newStorageKey();
    await before.put(old, Buffer.from('written under k1'));

    const rotated = storageWith({
      currentId: 'k2',
      keys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
    });
    const fresh = newStorageKey();
    await rotated.put(fresh, Buffer.from('written under k2'));
    expect((await rotated.get(old)).toString()).toBe('written under k1');
    expect((await rotated.get(fresh)).toString()).toBe('written under k2');
    expect((await objectOf(fresh)).subarray(4, 7).toString('latin1')).toBe('\x02k2');

    // Once k1 is dropped, its documents are refused with the reason, the new ones still read.
    const withoutK1 = storageWith(singleKeyring(k2, 'k2'));
    await expect(withoutK1.get(old)).rejects.toThrow(/key "k1", which is not configured/);
    expect((await withoutK1.get(fresh)).toString()).toBe('written under k2');
  });
});

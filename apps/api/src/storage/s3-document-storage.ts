import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DocumentCipher, type DocumentKeyring } from './document-cipher';
import { DocumentStorage, STORAGE_KEY_PATTERN, StoredFileNotFoundError } from './document-storage';

export interface S3StorageOptions {
  bucket: string;
  /** Object keys are `<prefix><storage key>`; e.g. `documents/`. */
  prefix: string;
  region: string;
  /** An S3-compatible service's origin (MinIO, R2, a local server); unset for AWS itself. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible services need. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, instance or task role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Object-storage adapter: every API process reads what any other stored, so documents survive the
 * machine that received them. Files are encrypted here before they leave the process
 * (DocumentCipher, AES-256-GCM with a key id), whatever the bucket's own encryption does.
 */
export class S3DocumentStorage extends DocumentStorage {
  private readonly cipher: DocumentCipher;
  private readonly client: S3Client;

  constructor(
    private readonly options: S3StorageOptions,
    keyring: DocumentKeyring,
    client?: S3Client,
  ) {
    super();
    this.cipher = new DocumentCipher(keyring);
    this.client =
      client ??
      new S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
        credentials: options.credentials,
      });
  }

  private objectKey(key: string): string {
    if (!STORAGE_KEY_PATTERN.test(key)) throw new Error('malformed storage key');
    return `${this.options.prefix}${key}`;
  }

  async put(key: string, data: Buffer): Promise<void> {
    // One PUT: the object appears whole or not at all.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.objectKey(key),
        Body: this.cipher.seal(key, data),
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      const raw = Buffer.from(await res.Body!.transformToByteArray());
      return this.cipher.open(key, raw);
    } catch (err) {
      if (
        err instanceof NoSuchKey ||
        (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)
      ) {
        throw new StoredFileNotFoundError(`no stored file for key ${key}`);
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too.
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
    );
  }

  /** Closes the SDK's sockets (shutdown). */
  close(): void {
    this.client.destroy();
  }
}

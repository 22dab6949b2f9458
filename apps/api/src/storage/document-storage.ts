import { randomBytes } from 'node:crypto';

/**
 * Where document files live (R1.3). Files are addressed only by a random key the caller keeps;
 * an adapter never sees a file name. The port is an abstract class so it doubles as the DI token.
 */
export abstract class DocumentStorage {
  /** Stores `data` under `key`; fails if the key is malformed. Overwrites nothing partially. */
  abstract put(key: string, data: Buffer): Promise<void>;
  /** The bytes stored under `key`; throws StoredFileNotFoundError or StoredFileCorruptError. */
  abstract get(key: string): Promise<Buffer>;
  /** Removes the file; a missing file is not an error. */
  abstract delete(key: string): Promise<void>;
}

/** A fresh storage key: 32 random hex characters (128 bits), nothing derived from the file. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

export const STORAGE_KEY_PATTERN = /^[a-f0-9]{32}$/;

export class StoredFileNotFoundError extends Error {
  override name = 'StoredFileNotFoundError';
}

/** The file failed its authentication check: altered, truncated, or encrypted with another key. */
export class StoredFileCorruptError extends Error {
  override name = 'StoredFileCorruptError';
}

/** Storage is not configured (no encryption key outside production). */
export class StorageNotConfiguredError extends Error {
  override name = 'StorageNotConfiguredError';
}

import { DocumentStorage, StorageNotConfiguredError } from './document-storage';

const MESSAGE = 'DOCUMENT_ENCRYPTION_KEY is not set: identity documents can be neither stored nor read';

/** Stands in when no encryption key is configured (allowed outside production): every call fails. */
export class UnconfiguredStorage extends DocumentStorage {
  put(): Promise<void> {
    return Promise.reject(new StorageNotConfiguredError(MESSAGE));
  }
  get(): Promise<Buffer> {
    return Promise.reject(new StorageNotConfiguredError(MESSAGE));
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}

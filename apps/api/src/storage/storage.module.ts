import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import type { DocumentKeyring } from './document-cipher';
import { DocumentStorage } from './document-storage';
import { EncryptedLocalStorage } from './encrypted-local-storage';
import { S3DocumentStorage } from './s3-document-storage';
import { UnconfiguredStorage } from './unconfigured-storage';

/**
 * Provides the DocumentStorage port: encrypted local disk (the single-machine default), an
 * S3-compatible bucket (DOCUMENT_STORAGE=s3, for more than one machine), or a refusing stand-in
 * without a key.
 */
@Module({
  providers: [
    {
      provide: DocumentStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DocumentStorage => {
        const { encryptionKey, encryptionKeyId, oldKeys, storageDir, storage, s3 } = config.documents;
        if (!encryptionKey) {
          new Logger('storage').warn(
            'DOCUMENT_ENCRYPTION_KEY is not set: identity documents cannot be stored or read',
          );
          return new UnconfiguredStorage();
        }
        const keyring: DocumentKeyring = {
          currentId: encryptionKeyId,
          keys: new Map([...oldKeys, [encryptionKeyId, encryptionKey]]),
        };
        if (storage === 's3' && s3) return new S3DocumentStorage(s3, keyring);
        return new EncryptedLocalStorage(storageDir, keyring);
      },
    },
  ],
  exports: [DocumentStorage],
})
export class StorageModule {}

import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { DocumentStorage } from './document-storage';
import { EncryptedLocalStorage } from './encrypted-local-storage';
import { UnconfiguredStorage } from './unconfigured-storage';

/** Provides the DocumentStorage port: encrypted local disk, or a refusing stand-in without a key. */
@Module({
  providers: [
    {
      provide: DocumentStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DocumentStorage => {
        const { encryptionKey, storageDir } = config.documents;
        if (!encryptionKey) {
          new Logger('storage').warn(
            'DOCUMENT_ENCRYPTION_KEY is not set: identity documents cannot be stored or read',
          );
          return new UnconfiguredStorage();
        }
        return new EncryptedLocalStorage(storageDir, encryptionKey);
      },
    },
  ],
  exports: [DocumentStorage],
})
export class StorageModule {}

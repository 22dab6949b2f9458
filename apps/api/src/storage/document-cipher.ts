import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StoredFileCorruptError } from './document-storage';

/**
 * The keys identity documents are encrypted with (R1.3). New files use `current`; every key in
 * `keys` can still read the files it wrote, so a key is rotated by adding a new current key and
 * keeping the old one among the others until no file needs it.
 */
export interface DocumentKeyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A keyring with one key, as before key ids existed. */
export function singleKeyring(key: Buffer, id = 'k1'): DocumentKeyring {
  return { currentId: id, keys: new Map([[id, key]]) };
}

const LEGACY_MAGIC = Buffer.from('BCD1', 'ascii');
const MAGIC = Buffer.from('BCD2', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM, a random 12-byte IV per file, the tag checked on every read. The storage key (and
 * the key id) are additional authenticated data: a file moved under another storage key, or a key
 * id altered, fails the check.
 *
 * Layout: `BCD2` | key-id length (1) | key id | IV (12) | tag (16) | ciphertext.
 * Files written before key ids (`BCD1` | IV | tag | ciphertext, AAD = storage key) are read with
 * whichever key of the keyring authenticates them.
 */
export class DocumentCipher {
  constructor(private readonly keyring: DocumentKeyring) {
    if (!keyring.keys.has(keyring.currentId)) throw new Error('the current document key is missing');
    for (const [id, key] of keyring.keys) {
      if (!KEY_ID_PATTERN.test(id))
        throw new Error(`document key id "${id}" is not 1-32 letters, digits, - or _`);
      if (key.length !== 32) throw new Error('the document encryption key must be 32 bytes');
    }
  }

  seal(storageKey: string, data: Buffer): Buffer {
    const id = this.keyring.currentId;
    const idBytes = Buffer.from(id, 'ascii');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(id)!, iv);
    cipher.setAAD(Buffer.from(`${storageKey}:${id}`, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([
      MAGIC,
      Buffer.from([idBytes.length]),
      idBytes,
      iv,
      cipher.getAuthTag(),
      ciphertext,
    ]);
  }

  open(storageKey: string, raw: Buffer): Buffer {
    const magic = raw.subarray(0, MAGIC.length);
    if (magic.equals(MAGIC)) {
      const idLength = raw[MAGIC.length] ?? 0;
      const idStart = MAGIC.length + 1;
      const headerBytes = idStart + idLength + IV_BYTES + TAG_BYTES;
      if (idLength === 0 || raw.length < headerBytes) throw corrupt('is not in the expected format');
      const id = raw.subarray(idStart, idStart + idLength).toString('ascii');
      const key = this.keyring.keys.get(id);
      if (!key) throw corrupt(`was encrypted with key "${id}", which is not configured`);
      const iv = raw.subarray(idStart + idLength, idStart + idLength + IV_BYTES);
      const tag = raw.subarray(headerBytes - TAG_BYTES, headerBytes);
      const plain = decrypt(key, iv, tag, `${storageKey}:${id}`, raw.subarray(headerBytes));
      if (!plain) throw corrupt('failed its integrity check');
      return plain;
    }
    if (magic.equals(LEGACY_MAGIC) && raw.length >= LEGACY_MAGIC.length + IV_BYTES + TAG_BYTES) {
      const iv = raw.subarray(LEGACY_MAGIC.length, LEGACY_MAGIC.length + IV_BYTES);
      const headerBytes = LEGACY_MAGIC.length + IV_BYTES + TAG_BYTES;
      const tag = raw.subarray(LEGACY_MAGIC.length + IV_BYTES, headerBytes);
      const current = this.keyring.keys.get(this.keyring.currentId)!;
      const others = [...this.keyring.keys.values()].filter((k) => k !== current);
      for (const key of [current, ...others]) {
        const plain = decrypt(key, iv, tag, storageKey, raw.subarray(headerBytes));
        if (plain) return plain;
      }
      throw corrupt('failed its integrity check');
    }
    throw corrupt('is not in the expected format');
  }
}

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, aad: string, body: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'ascii'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

function corrupt(what: string): StoredFileCorruptError {
  return new StoredFileCorruptError(`the stored file ${what}`);
}

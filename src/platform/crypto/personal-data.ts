// Personal data at rest (等保 2.0 / GB/T 39786 §8.4 e: 重要数据存储机密性 with SM4): ID numbers, phone numbers,
// e-mail addresses and real names are stored SM4-CBC encrypted with an HMAC-SM3 tag (encrypt-then-MAC), and found
// through a keyed hash (HMAC-SM3 of the normalised value) instead of decryption.
//
// The key is a file outside the data directory (GOVPORTAL_KEY_FILE, by default `<data directory>.keys/citizen.key`
// beside it): a copy of the database or of the data directory alone reveals nothing. It is never stored in the
// database; only its fingerprint is (settings `crypto.key-fingerprint`), so a node started with another key refuses
// to run instead of writing data nobody can read. SQLite installations create the key on first use; every node
// of a PostgreSQL cluster must be given the same file. Back the key up separately from the database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const KEY_BYTES = 32;

export class KeyError extends Error {}

export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly lookupKey: Buffer;
  /** Safe to store and compare: tells whether two nodes hold the same key, reveals nothing of it. */
  readonly fingerprint: string;

  constructor(master: Buffer) {
    if (master.length !== KEY_BYTES) throw new KeyError(`the key must be ${KEY_BYTES} bytes`);
    const derive = (info: string, length: number) =>
      Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), info, length));
    this.encKey = derive('govportal sm4 enc', 16);
    this.macKey = derive('govportal sm3 mac', 32);
    this.lookupKey = derive('govportal sm3 lookup', 32);
    this.fingerprint = derive('govportal key fingerprint', 16).toString('hex');
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = crypto.createHmac('sm3', this.macKey).update(iv).update(body).digest();
    return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv64, body64, tag64] = stored.split('.');
    if (version !== VERSION || !iv64 || !body64 || !tag64) throw new KeyError('unknown ciphertext format');
    const iv = Buffer.from(iv64, 'base64url');
    const body = Buffer.from(body64, 'base64url');
    const expected = crypto.createHmac('sm3', this.macKey).update(iv).update(body).digest();
    const tag = Buffer.from(tag64, 'base64url');
    if (tag.length !== expected.length || !crypto.timingSafeEqual(tag, expected))
      throw new KeyError('personal data failed its integrity check (tampered, or another key)');
    const decipher = crypto.createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for look-ups (`kind` separates namespaces: the same digits as a phone and as an ID differ). */
  lookupHash(kind: string, normalised: string): string {
    return crypto.createHmac('sm3', this.lookupKey).update(`${kind}\u0000${normalised}`).digest('hex');
  }

  /** An HMAC under a purpose-specific key: form tokens, signed cookies, challenge keys. */
  sign(purpose: string, value: string): string {
    return crypto.createHmac('sm3', this.macKey).update(`${purpose}\u0000${value}`).digest('base64url');
  }

  /** A secret for a library that takes a string key (the proof-of-work challenge's HMAC). */
  derivedSecret(purpose: string): string {
    return crypto.createHmac('sm3', this.lookupKey).update(`secret\u0000${purpose}`).digest('hex');
  }
}

/** The key file's default place: beside the data directory, never inside it. */
export const defaultKeyFile = (dataDir: string): string =>
  path.join(path.dirname(dataDir), `${path.basename(dataDir)}.keys`, 'citizen.key');

/**
 * Reads the key file (64 hex characters). When it does not exist and `create` is set it is written with a fresh
 * random key, readable by the owner only; the `wx` flag makes concurrent first starts agree on one key.
 */
export function loadKeyFile(file: string, create: boolean): Buffer {
  if (!fs.existsSync(file)) {
    if (!create)
      throw new KeyError(`密钥文件 ${file} 不存在：请把各节点共用的密钥文件放在此处（或设置 GOVPORTAL_KEY_FILE）`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new KeyError(`密钥文件 ${file} 格式不正确：应为 64 位十六进制字符`);
  return Buffer.from(text, 'hex');
}

// ───── normalising and masking (what is shown) ─────

/** Mainland mobile numbers: 11 digits starting 1[3-9]; +86 / 0086 / spaces / dashes accepted on input. */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function normaliseEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return value.length <= 254 && /^[^\s@<>()"',;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value) ? value : null;
}

/** 138****5678 */
export const maskPhone = (phone: string): string =>
  phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';

/** z***@example.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}***${email.slice(at)}`;
}

/** 110***********1234: the first 3 and last 4 characters of an ID number. */
export const maskIdNumber = (id: string): string =>
  id.length > 7 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : '****';

/** 张*, 欧阳** : the family name's first character only. */
export const maskName = (name: string): string => (name ? `${[...name][0]}${'*'.repeat([...name].length - 1)}` : '');

/** 18-character 居民身份证号码 with its ISO 7064 check digit (GB 11643). */
export function validChineseId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

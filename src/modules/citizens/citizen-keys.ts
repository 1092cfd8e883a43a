// The personal-data cipher of this installation, loaded on first use from the key file (never from the
// database). The first node to use it records the key's fingerprint in the settings; a node holding another key
// then refuses to read or write personal data instead of producing records nobody can decrypt.
import type { Db } from '../../platform/db/database.ts';
import type { Config } from '../../platform/config.ts';
import { readSetting, settingOnce } from '../../platform/settings/settings.repository.ts';
import { KeyError, PersonalDataCipher, loadKeyFile } from '../../platform/crypto/personal-data.ts';

const FINGERPRINT = 'crypto.key-fingerprint';

export class CitizenKeys {
  private loading: Promise<PersonalDataCipher> | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  cipher(): Promise<PersonalDataCipher> {
    this.loading ??= this.load().catch((error) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<PersonalDataCipher> {
    const stored = await readSetting<string>(this.db, FINGERPRINT);
    // The key file is created only where no other node can hold a different one: the embedded database, or a
    // PostgreSQL database whose personal data no key protects yet (the first node of a cluster). Later nodes must
    // be handed that same file; racing first nodes agree through the fingerprint stored once below.
    const create = !this.config.databaseUrl || stored === null;
    const cipher = new PersonalDataCipher(loadKeyFile(this.config.keyFile, create));
    const agreed = stored ?? (await settingOnce(this.db, FINGERPRINT, cipher.fingerprint, new Date().toISOString()));
    if (agreed !== cipher.fingerprint)
      throw new KeyError(
        `密钥文件 ${this.config.keyFile} 与数据库中已有数据所用的密钥不一致：请使用原密钥文件（GOVPORTAL_KEY_FILE）`,
      );
    return cipher;
  }
}

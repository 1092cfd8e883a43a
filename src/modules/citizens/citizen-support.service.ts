// The support staff's side of the public accounts: finding an account by contact, ID number or name (contacts and
// ID numbers are matched by their keyed hashes, never decrypted in bulk), and disabling or re-enabling it with a
// recorded reason. Every change is audited in the same transaction.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { normaliseEmail, normalisePhone } from '../../platform/crypto/personal-data.ts';
import type { CitizenKeys } from './citizen-keys.ts';
import { type CitizenListItem, listItem } from './citizens.presenter.ts';
import * as repo from './citizens.repository.ts';

export class CitizenSupportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly keys: CitizenKeys,
  ) {}

  async search(query: {
    phone?: string;
    email?: string;
    idNumber?: string;
    name?: string;
    status?: string;
    page: number;
    pageSize: number;
  }): Promise<{ total: number; items: CitizenListItem[] }> {
    const cipher = await this.keys.cipher();
    const phone = query.phone ? normalisePhone(query.phone) : null;
    const email = query.email ? normaliseEmail(query.email) : null;
    if ((query.phone && !phone) || (query.email && !email))
      throw new AppError('CITIZEN_CONTACT_INVALID', { channel: query.phone && !phone ? '手机号码' : '电子邮箱' });
    const { total, rows } = await repo.searchCitizens(this.db, {
      phoneHash: phone ? cipher.lookupHash('sms', phone) : undefined,
      emailHash: email ? cipher.lookupHash('email', email) : undefined,
      idNumberHash: query.idNumber ? cipher.lookupHash('id', query.idNumber.trim().toUpperCase()) : undefined,
      name: query.name?.trim() || undefined,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { total, items: rows.map((r) => listItem(r, cipher)) };
  }

  async setDisabled(actor: Actor, citizenId: number, disabled: boolean, reason: string): Promise<CitizenListItem> {
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const citizen = await repo.findCitizen(trx, citizenId);
      if (!citizen || citizen.status === 'deleted') throw new AppError('NOT_FOUND');
      await repo.updateCitizen(trx, citizenId, {
        status: disabled ? 'disabled' : 'active',
        disabled_reason: disabled ? reason.trim().slice(0, 500) : null,
        updated_at: at,
      });
      if (disabled) await repo.deleteCitizenSessions(trx, citizenId);
      await this.audit.record(trx, actor, {
        action: disabled ? 'citizen.disable' : 'citizen.enable',
        targetType: 'citizen',
        targetId: citizenId,
        detail: { reason },
      });
    });
    return listItem((await repo.findCitizen(this.db, citizenId))!, await this.keys.cipher());
  }
}

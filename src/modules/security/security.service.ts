// The security administrator's password and session policy: values checked against their limits, the change
// recorded in the audit log in the same transaction.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { loadPolicy, policyViolations, savePolicy, type SecurityPolicy } from '../../platform/auth/policy.ts';
import type { SecurityPolicyView } from './security.schema.ts';

// The schema and the platform's policy describe the same fields.
const sameShape: [SecurityPolicyView, SecurityPolicy] extends [SecurityPolicy, SecurityPolicyView] ? true : never =
  true;
void sameShape;

export class SecurityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  policy(): Promise<SecurityPolicy> {
    return loadPolicy(this.db);
  }

  async updatePolicy(actor: Actor, policy: SecurityPolicy): Promise<SecurityPolicy> {
    const problems = policyViolations(policy);
    if (problems.length) throw new AppError('POLICY_OUT_OF_RANGE', { problems: problems.join('；') }, { problems });
    const before = await loadPolicy(this.db);
    await this.db.transaction().execute(async (trx) => {
      await savePolicy(trx, policy, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'security.policy',
        targetType: 'settings',
        targetId: 'security.policy',
        detail: { before, after: policy },
      });
    });
    return loadPolicy(this.db);
  }
}

// What the inspection engine learns about the public account from inside (2019 indicators): 统一登录 and 一号登录
// from the interactive features registered on the one account, the registration part of 在线申请 from a probe
// registration of a user from another region, and 用户空间 from the sections the user space lists.
import type { InternalCheck, InternalCheckContext } from '../inspection/internal/internal-checks.ts';
import type { Finding, IndicatorResult } from '../inspection/scoring.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { normalisePhone } from '../../platform/crypto/personal-data.ts';
import type { CitizensModule } from './citizens.module.ts';
import * as repo from './citizens.repository.ts';

/** A 新疆 mobile number: the probe registers a user from another region (异地用户). */
const PROBE_PHONE = '19999112233';

const evidence = (ctx: InternalCheckContext, path: string, expected: string, observed: string) => ({
  url: ctx.url(path),
  expected,
  observed,
  at: ctx.now.toISOString(),
  source: 'internal',
});

class ProbeDone extends Error {}

/**
 * Registers and signs in a probe account of a user from another region inside a transaction that is rolled back:
 * the number is accepted, stored encrypted, found again by its keyed hash, and its password verifies. Returns what
 * failed, or null.
 */
export async function probeRegistration(citizens: CitizensModule, ctx: InternalCheckContext): Promise<string | null> {
  try {
    const phone = normalisePhone(PROBE_PHONE);
    if (!phone) return '外地手机号码未被接受';
    const cipher = await citizens.keys.cipher();
    const hash = cipher.lookupHash('sms', `probe:${phone}`);
    const password = await hashPassword('Probe-Passw0rd!');
    await ctx.db.transaction().execute(async (trx) => {
      const at = ctx.now.toISOString();
      const id = await repo.insertCitizen(trx, {
        account_type: 'person',
        display_name: '检查探针',
        phone_enc: cipher.encrypt(phone),
        phone_hash: hash,
        email_enc: null,
        email_hash: null,
        real_name_enc: null,
        id_type: null,
        id_number_enc: null,
        id_number_hash: null,
        org_name: null,
        credit_code: null,
        password_hash: password,
        password_changed_at: at,
        oidc_issuer: null,
        oidc_subject: null,
        status: 'active',
        disabled_reason: null,
        created_at: at,
        updated_at: at,
        last_login_at: null,
        deleted_at: null,
      });
      const found = await repo.findByPhoneHash(trx, hash);
      if (found?.id !== id || cipher.decrypt(found.phone_enc!) !== phone)
        throw new Error('注册后无法按手机号码找到账号');
      if (!(await verifyPassword(found.password_hash!, 'Probe-Passw0rd!'))) throw new Error('注册后无法用密码登录');
      throw new ProbeDone();
    });
    return '探针注册未回滚';
  } catch (error) {
    if (error instanceof ProbeDone) return null;
    return error instanceof Error ? error.message : String(error);
  }
}

export function citizenChecks(citizens: CitizensModule): InternalCheck[] {
  const unifiedLogin: InternalCheck = async (ctx) => {
    const features = citizens.features();
    const own = features.filter((f) => !f.usesPublicAccount);
    const findings: Finding[] = own.map((f) => ({
      indicatorId: 'deduct.unified-login',
      subRule: 1,
      message: `“${f.name}”使用单独的注册登录，未纳入统一公众账号`,
      evidence: evidence(ctx, f.path, '使用统一公众账号', '单独注册登录'),
    }));
    const sso: Finding[] = own.map((f) => ({
      indicatorId: 'deduct.single-sign-on',
      subRule: 1,
      message: `注册用户不能用同一账号登录“${f.name}”`,
      evidence: evidence(ctx, f.path, '一号登录', '需另行登录'),
    }));
    const results: IndicatorResult[] = [
      { indicatorId: 'deduct.unified-login', status: 'measured', findings },
      { indicatorId: 'deduct.single-sign-on', status: 'measured', findings: sso },
    ];
    return results;
  };

  const registration: InternalCheck = async (ctx) => {
    const failure = await probeRegistration(citizens, ctx);
    if (failure)
      return [
        {
          indicatorId: 'deduct.online-application',
          status: 'measured',
          findings: [
            {
              indicatorId: 'deduct.online-application',
              subRule: 1,
              message: `用户（含异地用户）无法注册：${failure}`,
              evidence: evidence(ctx, '/user/register', '外地用户可以注册并登录', failure),
            },
          ],
        },
      ];
    // Sub-rule 2 (注册用户在线办事) belongs to the online services; until they measure it the indicator stays open.
    return [
      {
        indicatorId: 'deduct.online-application',
        status: 'untested',
        reason: '在线注册正常（外地手机号码注册、登录探测通过）；“注册用户能否在线办事”由办事服务模块检查',
      },
    ];
  };

  const userSpace: InternalCheck = async (ctx) => {
    const sections = citizens.userSpace.list().filter((s) => !s.placeholder);
    const points = sections.length > 0 ? 2 : 0;
    return [
      {
        indicatorId: 'bonus.user-space',
        status: 'measured',
        findings: points
          ? [
              {
                indicatorId: 'bonus.user-space',
                subRule: 1,
                points,
                message: `用户空间列出注册用户的${sections.map((s) => s.title).join('、')}`,
                evidence: evidence(
                  ctx,
                  '/user/',
                  '可浏览咨询、办事等历史信息',
                  sections.map((s) => s.title).join('、'),
                ),
              },
            ]
          : [],
      },
    ];
  };

  return [unifiedLogin, registration, userSpace];
}

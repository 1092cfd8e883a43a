// The citizens module as the rest of the application sees it (ctx.citizens): the account and support services,
// login and sessions, the guard, notices, the proof-of-work challenge and the user-space registry, wired once.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Config } from '../../platform/config.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { RateLimiter } from '../../platform/rate-limit.ts';
import { CitizenKeys } from './citizen-keys.ts';
import { CitizenAuth } from './citizen-auth.service.ts';
import { VerificationCodes } from './codes.ts';
import { CitizenNotices } from './notices.service.ts';
import { ChallengeService } from './challenge.ts';
import { type InteractiveFeature, PLACEHOLDER_SECTIONS, UserSpace } from './user-space.ts';
import { CitizensService } from './citizens.service.ts';
import { CitizenSupportService } from './citizen-support.service.ts';
import { makeCitizenGuard, type CitizenGuard } from './citizens.guard.ts';
import { HttpSmsSender, LogSender, MailSender, type CitizenSenders } from './senders.ts';

export class CitizensModule {
  readonly keys: CitizenKeys;
  readonly auth: CitizenAuth;
  readonly notices: CitizenNotices;
  readonly challenge: ChallengeService;
  readonly userSpace = new UserSpace();
  readonly accounts: CitizensService;
  /** The support staff's search and disable/enable. */
  readonly support: CitizenSupportService;
  /** `preHandler: ctx.citizens.guard()` on a citizen route; `guard({ page: true })` on a page. */
  readonly guard: CitizenGuard;
  private senders: CitizenSenders;
  private readonly featureList = new Map<string, InteractiveFeature>([
    ['user-space', { id: 'user-space', name: '用户空间', path: '/user/', usesPublicAccount: true }],
  ]);

  constructor(
    db: Db,
    clock: Clock,
    audit: AuditService,
    config: Config,
    mailer: Mailer,
    limiter: RateLimiter,
    siteName: () => Promise<string>,
  ) {
    this.senders = {
      sms: config.smsGateway === 'log' ? new LogSender('sms') : new HttpSmsSender(config.smsGateway, config.smsSign),
      email: mailer.enabled ? new MailSender(mailer) : new LogSender('email'),
    };
    this.keys = new CitizenKeys(db, config);
    this.auth = new CitizenAuth(db, clock, audit, this.keys, limiter);
    this.notices = new CitizenNotices(db, clock, this.keys, () => this.senders);
    this.challenge = new ChallengeService(db, this.keys, limiter);
    const codes = new VerificationCodes(db, clock, this.keys, this.notices, limiter, siteName);
    this.accounts = new CitizensService(db, clock, audit, this.keys, this.auth, codes, this.notices);
    this.support = new CitizenSupportService(db, clock, audit, this.keys);
    this.guard = makeCitizenGuard(this.auth);
    for (const section of PLACEHOLDER_SECTIONS) this.userSpace.register(section);
  }

  /** Each interactive feature (留言, 在线办事, 调查征集, 依申请公开 …) registers here how citizens sign in to it. */
  registerFeature(feature: InteractiveFeature): void {
    this.featureList.set(feature.id, feature);
  }

  features(): InteractiveFeature[] {
    return [...this.featureList.values()];
  }

  /** Replaces the SMS and e-mail senders (tests install capturing senders and read the codes from them). */
  installSenders(senders: CitizenSenders): void {
    this.senders = senders;
  }
}

// The interaction module as the rest of the application sees it (ctx.interaction): the message board, the
// office's handling, replies through the release review, reminders, statistics, 找错 tickets, the knowledge base
// and the smart Q&A, wired once. It plugs into the one public account (interactive features, user-space sections,
// account deletion) and follows the release review's decisions on reply items.
import type { SearchService } from '../search/search.service.ts';
import type { UserSpaceEntry } from '../citizens/user-space.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { InteractionCore, type InteractionDeps } from './interaction.core.ts';
import { MessagesService } from './messages.service.ts';
import { HandlingService } from './handling.service.ts';
import { RepliesService } from './replies.service.ts';
import { AlertsService } from './alerts.service.ts';
import { InteractionStats } from './stats.service.ts';
import { ErrorReportsService } from './error-reports.service.ts';
import { KnowledgeService } from './knowledge.service.ts';
import { QaService } from './qa.service.ts';
import { InteractionSettings } from './settings.service.ts';
import { JIUCUO_PATH, QA_PATH, SUBMIT_PATH } from './board.ts';
import * as repo from './messages.repository.ts';

export class InteractionModule {
  readonly core: InteractionCore;
  readonly messages: MessagesService;
  readonly handling: HandlingService;
  readonly replies: RepliesService;
  readonly alerts: AlertsService;
  readonly stats: InteractionStats;
  readonly errorReports: ErrorReportsService;
  readonly knowledge: KnowledgeService;
  readonly qa: QaService;
  readonly settings: InteractionSettings;

  constructor(deps: InteractionDeps, search: SearchService) {
    this.core = new InteractionCore(deps);
    this.messages = new MessagesService(this.core);
    this.handling = new HandlingService(this.core, this.messages);
    this.replies = new RepliesService(this.core, this.handling, this.messages);
    this.alerts = new AlertsService(this.core);
    this.stats = new InteractionStats(this.core);
    this.errorReports = new ErrorReportsService(this.core, this.messages);
    this.knowledge = new KnowledgeService(this.core);
    this.qa = new QaService(this.knowledge, search);
    this.settings = new InteractionSettings(this.core);

    // The leader's approval publishes the reply item in the review's transaction; its outcome is read back here
    // at once (and by the job, for decisions taken while this node was down, and for replies not put online).
    deps.publication.onChange(async (change) => {
      if (change.kind === 'published') await this.replies.reconcile(change.contentId);
      else await this.replies.withdrawn(change.contentId);
    });
    this.registerWithAccounts(deps);
  }

  /** Changes of the module that make public pages stale (the portal's cache follows them). */
  onChange(listener: (change: { siteId: number; public: boolean }) => void): void {
    this.core.onChange(listener);
  }

  private registerWithAccounts(deps: InteractionDeps): void {
    const { citizens } = deps;
    citizens.registerFeature({
      id: 'messages',
      name: '网上留言（咨询、建议、投诉）',
      path: SUBMIT_PATH,
      usesPublicAccount: true,
    });
    citizens.registerFeature({ id: 'jiucuo', name: '网站纠错', path: JIUCUO_PATH, usesPublicAccount: true });
    citizens.registerFeature({ id: 'qa', name: '智能问答', path: QA_PATH, usesPublicAccount: true });
    citizens.userSpace.register({
      id: 'messages',
      title: '我的留言',
      order: 10,
      emptyText: '您还没有提交过咨询、建议或投诉。',
      action: { label: '我要留言', href: SUBMIT_PATH },
      load: (citizenId) => this.spaceEntries(citizenId, 'board'),
    });
    citizens.userSpace.register({
      id: 'error-reports',
      title: '我的纠错',
      order: 15,
      emptyText: '您还没有报告过网站页面的错误。',
      action: { label: '我要纠错', href: JIUCUO_PATH },
      load: (citizenId) => this.spaceEntries(citizenId, 'error'),
    });
    // Deleting an account keeps its messages (a government record; published ones stay) without any way back to
    // the person.
    citizens.accounts.registerEraser('messages', async (trx, citizenId, at) => {
      await repo.forgetContact(trx, citizenId, at);
    });
  }

  private async spaceEntries(citizenId: number, kind: 'board' | 'error'): Promise<UserSpaceEntry[]> {
    const views = (await this.messages.ofCitizen(citizenId)).filter((v) =>
      kind === 'board' ? v.channel === 'board' : v.channel !== 'board',
    );
    return views.map((v) => {
      const reply = v.replies.at(-1);
      const open = !['已答复', '已办结', '不予受理'].includes(v.status);
      const detail = [
        `查询编号 ${v.trackingNo}`,
        reply ? `${reply.departmentName}于 ${shanghaiDate(reply.repliedAt)} 答复` : null,
        v.rating ? `评价：${v.rating}` : v.canRate ? '待评价' : null,
        v.invalidReason ? `理由：${v.invalidReason}` : null,
      ]
        .filter(Boolean)
        .join(' · ');
      return {
        title: v.channel === 'board' ? `【${v.category}】${v.title}` : v.title,
        href: `/user/messages/${v.id}`,
        status: v.status,
        submittedAt: v.receivedAt,
        ...(open
          ? {
              deadline: {
                due: v.replyDue.due,
                overdue: v.replyDue.overdue,
                estimated: v.replyDue.estimated,
              },
            }
          : {}),
        detail,
      };
    });
  }
}

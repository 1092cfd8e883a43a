// The 年度报表's figures other modules own, each read through that module's own service: 留言办理 from the message
// board's statistics (收到、办结、平均办理时间), 事项和办件 from the service catalogue and its monthly statistics, 征集调查
// from the surveys and solicitations that closed in the year (期数、收到意见、公布结果).
import type { InteractionStats } from '../interaction/stats.service.ts';
import type { ServicesModule } from '../services/services.module.ts';
import type { SurveysService } from '../surveys/surveys.service.ts';
import type { SolicitationsService } from '../solicitations/solicitations.service.ts';
import { yearBounds } from './disclosure-report.ts';
import type { FigureProvider } from './website-report.ts';

export function interactionFigures(stats: InteractionStats): FigureProvider {
  return async (siteId, year) => {
    const { total } = await stats.report(siteId, { from: `${year}-01`, to: `${year}-12` }, 'board');
    return {
      messagesReceived: total.received,
      messagesClosed: total.replied,
      messagesAvgDays: total.averageDays ?? 0,
    };
  };
}

export function servicesFigures(services: ServicesModule): FigureProvider {
  return async (siteId, year) => {
    const items = await services.catalogue.list(siteId, true);
    await services.stats.refreshIfStale(siteId);
    // The snapshot keeps every month; ten years back reaches any year a report is generated for.
    const stats = await services.stats.published(siteId, 120);
    const cases = stats.byMonth.filter((m) => m.month.startsWith(`${year}-`)).reduce((sum, m) => sum + m.received, 0);
    return {
      serviceCatalogue: items.length > 0,
      serviceItems: items.length,
      onlineItems: items.filter((i) => i.online).length,
      cases,
    };
  };
}

export function participationFigures(surveys: SurveysService, solicitations: SolicitationsService): FigureProvider {
  return async (siteId, year) => {
    const { start, end } = yearBounds(year);
    const closedSurveys = await surveys.closedBetween(siteId, start, end);
    const closedSolicitations = await solicitations.closedBetween(siteId, start, end);
    return {
      surveys: closedSurveys.length + closedSolicitations.length,
      surveyOpinions:
        closedSurveys.reduce((s, x) => s + x.responses, 0) + closedSolicitations.reduce((s, x) => s + x.comments, 0),
      // A survey's results are public from its closing; a solicitation's once its adoption report is published.
      surveyResults:
        closedSurveys.filter((s) => s.phase === 'closed').length +
        closedSolicitations.filter((s) => s.feedbackPublishedAt !== null).length,
    };
  };
}

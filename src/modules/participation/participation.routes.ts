// Every route of participation and disclosure, staff API and public pages, registered in one place.
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { disclosureRoutes } from '../disclosure/disclosure.routes.ts';
import { disclosurePageRoutes } from '../disclosure/disclosure.pages.routes.ts';
import { annualReportRoutes } from '../annual-reports/annual-reports.routes.ts';
import { surveyRoutes } from '../surveys/surveys.routes.ts';
import { surveyPageRoutes } from '../surveys/surveys.pages.routes.ts';
import { solicitationRoutes } from '../solicitations/solicitations.routes.ts';
import { solicitationPageRoutes } from '../solicitations/solicitations.pages.routes.ts';
import { proposalRoutes } from '../proposals/proposals.routes.ts';
import { assetRoute } from './page-kit.tsx';

export async function participationRoutes(app: App, ctx: AppContext): Promise<void> {
  assetRoute(app);
  await disclosureRoutes(app, ctx);
  await disclosurePageRoutes(app, ctx);
  await annualReportRoutes(app, ctx);
  await surveyRoutes(app, ctx);
  await surveyPageRoutes(app, ctx);
  await solicitationRoutes(app, ctx);
  await solicitationPageRoutes(app, ctx);
  await proposalRoutes(app, ctx);
}

// Every route of participation and disclosure, staff API and public pages, registered in one place.
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { disclosureRoutes } from '../disclosure/disclosure.routes.ts';

export async function participationRoutes(app: App, ctx: AppContext): Promise<void> {
  await disclosureRoutes(app, ctx);
}

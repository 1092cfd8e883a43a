// Placeholder until the public site shell lands.
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';

export async function portalRoutes(_app: App, _ctx: AppContext): Promise<void> {}

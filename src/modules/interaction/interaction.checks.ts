// placeholder, replaced below
import type { InternalCheck } from '../inspection/internal/internal-checks.ts';
import type { InteractionModule } from './interaction.module.ts';
export function interactionChecks(_m: InteractionModule): InternalCheck[] {
  return [];
}

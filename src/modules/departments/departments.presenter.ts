// Stored department rows → the API's DepartmentView.
import type { Department } from '../../platform/db/schema.ts';
import type { DepartmentView } from './departments.schema.ts';

export const toDepartmentView = (d: Department): DepartmentView => ({
  id: d.id,
  siteId: d.site_id,
  name: d.name,
  aliases: JSON.parse(d.aliases) as string[],
  mergedIntoId: d.merged_into_id,
  sort: d.sort,
});

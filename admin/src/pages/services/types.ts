// Shapes of the online-services API, from the server's schemas (never copied).
export type {
  ContactsView,
  GuideDashboard,
  GuideDataInput as GuideData,
  GuideFindingView as GuideFinding,
  GuideView,
  ImportResult,
  ItemInput,
  ItemView,
  ThemeInput,
  ThemeView,
} from '../../../../src/modules/services/catalogue.schema';
export type {
  ApplicationDetail,
  ApplicationSummary,
  DeadlineView,
  RatingView,
  RectificationView,
} from '../../../../src/modules/services/applications.schema';
export type { StatsView } from '../../../../src/modules/services/service-stats.schema';
export {
  AUDIENCES,
  CASE_TYPES,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_SOURCES,
  OUTCOMES,
  RATING_LEVELS,
  REVISIT_RESULTS,
  SERVICE_THEMES,
  STATE_NAMES,
} from '../../../../src/modules/services/service-types';

export const GUIDE_STATE_NAMES: Record<string, { label: string; color: string }> = {
  none: { label: '未编写', color: 'default' },
  draft: { label: '草稿', color: 'blue' },
  reviewing: { label: '审查中', color: 'gold' },
  returned: { label: '已退回', color: 'red' },
  published: { label: '已发布', color: 'green' },
  changed: { label: '已发布，有修改待审', color: 'cyan' },
  withdrawn: { label: '已撤稿', color: 'default' },
};

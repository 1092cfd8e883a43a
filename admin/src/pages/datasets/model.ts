// Shapes of the data release API: the server's own schemas (src/modules/datasets/datasets.schema.ts).
export type {
  ChartDefinition,
  ChartView,
  DatasetDetail,
  DatasetInput,
  DatasetSummary,
  RowsResult,
  UploadResult,
  VersionView,
} from '../../../../src/modules/datasets/datasets.schema';

export interface DatasetOptions {
  themes: string[];
  updateFrequencies: string[];
  shareTypes: string[];
  openTypes: string[];
  columnTypes: { value: string; label: string }[];
  chartKinds: { value: string; label: string }[];
  aggregates: { value: string; label: string }[];
  providers: { key: string; title: string; description: string }[];
  defaultLicence: string;
  maxFileBytes: number;
}

export const REVIEW_STATE_NAMES: Record<string, string> = {
  secrecy_review: '待保密审查',
  dept_review: '待工作机构审查',
  leader_review: '待分管领导审批',
  approved: '已同意',
  rejected: '已退回',
  closed: '涉密不发布',
};

export const OPEN_REVIEW = ['secrecy_review', 'dept_review', 'leader_review'];

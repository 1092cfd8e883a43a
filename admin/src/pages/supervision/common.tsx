// Shared pieces of the supervision pages (网站监管): the office the supervisor works for, status tags that carry
// a word and an icon (colour is never the only cue), and the API types, imported from the server's schemas.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  QuestionCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useCurrentSite, useSites } from '../../hooks';
import type { SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';

export type {
  AssessmentView,
  CheckView,
  DashboardView,
  OfficeView,
  PlanDetail,
  PlanItemView,
  PlanView,
  RegistryEntryView,
  RegistryInput,
  TaskView,
} from '../../../../src/modules/supervision/supervision.schema';

/** The office (the platform site whose supervision the page shows) and the picker's state. */
export function useOffice(): { sites: Site[]; site: Site | null; choose: (id: number) => void; loading: boolean } {
  const sites = useSites();
  const [site, choose] = useCurrentSite(sites.data);
  return { sites: sites.data ?? [], site, choose, loading: sites.loading };
}

type Tone = 'ok' | 'bad' | 'caution' | 'info' | 'muted';
const TONE_STYLE: Record<Tone, { color: string; background: string; borderColor: string }> = {
  ok: { color: '#2f7d0b', background: '#f6ffed', borderColor: '#b7eb8f' },
  bad: { color: '#c9252c', background: '#fff2f0', borderColor: '#ffccc7' },
  caution: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  info: { color: '#1d4ea8', background: '#f0f5ff', borderColor: '#adc6ff' },
  muted: { color: 'rgba(0, 0, 0, 0.78)', background: '#fafafa', borderColor: '#d9d9d9' },
};
const TONE_ICON: Record<Tone, ReactNode> = {
  ok: <CheckCircleOutlined aria-hidden />,
  bad: <CloseCircleOutlined aria-hidden />,
  caution: <ExclamationCircleOutlined aria-hidden />,
  info: <SyncOutlined aria-hidden />,
  muted: <QuestionCircleOutlined aria-hidden />,
};

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Tag style={TONE_STYLE[tone]} icon={TONE_ICON[tone]}>
      {children}
    </Tag>
  );
}

export const VerdictTag = ({ verdict }: { verdict: string | null }) =>
  verdict ? (
    <ToneTag tone={verdict === '合格' ? 'ok' : 'bad'}>{verdict}</ToneTag>
  ) : (
    <ToneTag tone="muted">未检查</ToneTag>
  );

const ITEM_STATUS: Record<string, [Tone, string]> = {
  pending: ['muted', '等待'],
  running: ['info', '检查中'],
  done: ['ok', '已完成'],
  failed: ['bad', '失败'],
};
export const ItemStatusTag = ({ status }: { status: string }) => {
  const [tone, label] = ITEM_STATUS[status] ?? ['muted', status];
  return <ToneTag tone={tone}>{label}</ToneTag>;
};

const PLAN_STATUS: Record<string, [Tone, string]> = {
  planned: ['muted', '待开始'],
  running: ['info', '进行中'],
  done: ['ok', '已完成'],
  cancelled: ['bad', '已中止'],
};
export const PlanStatusTag = ({ status }: { status: string }) => {
  const [tone, label] = PLAN_STATUS[status] ?? ['muted', status];
  return <ToneTag tone={tone}>{label}</ToneTag>;
};

const TASK_STATUS: Record<string, Tone> = { open: 'caution', responded: 'info', closed: 'ok', reopened: 'bad' };
export const TaskStatusTag = ({ status, name, overdue }: { status: string; name: string; overdue: boolean }) => (
  <>
    <ToneTag tone={TASK_STATUS[status] ?? 'muted'}>{name}</ToneTag>
    {overdue ? (
      <Tag style={TONE_STYLE.bad} icon={<ClockCircleOutlined aria-hidden />}>
        已逾期
      </Tag>
    ) : null}
  </>
);

export const INDICATOR_STATUS_TONE: Record<string, Tone> = {
  通过: 'ok',
  扣分: 'caution',
  否决: 'bad',
  加分: 'ok',
  未得分: 'muted',
  未检测: 'caution',
  不检查: 'muted',
  未评分: 'muted',
};

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
export const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100);
export const thisYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

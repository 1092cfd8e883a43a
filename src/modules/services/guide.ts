// The structured 办事指南: the ten key elements of the 2019 indicators (事项名称, 设定依据, 申请条件, 办理材料,
// 办理地点, 办理机构, 收费标准, 办理时间, 联系电话, 办理流程) plus the elements real guides carry (法定/承诺时限, 办件类型,
// 咨询/监督投诉电话, 是否网办, 到现场次数, 收费依据). 办理材料 is a list with each material's form, medium, copies,
// source, necessity, filling notes and, for forms, the blank form and a filled sample.
import { SERVICE_GUIDE_KEY_ELEMENTS } from '../inspection/indicators.ts';
import type { CaseType, MaterialForm, MaterialMedium, MaterialSource } from './service-types.ts';

export type KeyElement = (typeof SERVICE_GUIDE_KEY_ELEMENTS)[number];
export const KEY_ELEMENTS: readonly KeyElement[] = SERVICE_GUIDE_KEY_ELEMENTS;

/** A legal or policy basis: the document's name, the articles relied on, and the document in the policy library. */
export interface GuideBasis {
  title: string;
  /** 第九条、第十二条 … */
  articles: string;
  /** Content id of a published 政策文件 of the same site; null when only named. */
  documentId: number | null;
}

export interface GuideMaterial {
  name: string;
  form: MaterialForm | null;
  medium: MaterialMedium | null;
  /** 份数; null when not stated. */
  copies: number | null;
  source: MaterialSource | null;
  /** Issued by whom, or other detail of the source (公安机关, 不动产登记机构 …). */
  sourceNote: string;
  required: boolean;
  /** 填报须知. */
  notes: string;
  /** The material is a form to fill in (申请表、申请书、登记表 …). */
  isForm: boolean;
  /** The blank form (空白表格) and a filled sample (示例样表): ids of files uploaded to the site. */
  blankFileId: number | null;
  sampleFileId: number | null;
  /** Another channel where the blank form is obtained (an http(s) address of an official download page). */
  formUrl: string;
}

export interface GuideStep {
  title: string;
  detail: string;
}

export interface GuideData {
  name: string;
  basis: GuideBasis[];
  conditions: string;
  materials: GuideMaterial[];
  place: string;
  organ: string;
  fee: { standard: string; basis: string };
  hours: string;
  phones: { consult: string; complaint: string };
  process: GuideStep[];
  /** 法定时限 and 承诺时限 in working days; null when not set. 0 means 当场办结. */
  statutoryDays: number | null;
  promisedDays: number | null;
  caseType: CaseType | null;
  /** 是否网办: citizens may apply online. */
  online: boolean;
  /** 到现场次数 (最多跑一次 = 1, 全程网办 = 0). */
  visits: number | null;
}

export const emptyMaterial = (name = ''): GuideMaterial => ({
  name,
  form: null,
  medium: null,
  copies: null,
  source: null,
  sourceNote: '',
  required: true,
  notes: '',
  isForm: false,
  blankFileId: null,
  sampleFileId: null,
  formUrl: '',
});

export const emptyGuide = (name = ''): GuideData => ({
  name,
  basis: [],
  conditions: '',
  materials: [],
  place: '',
  organ: '',
  fee: { standard: '', basis: '' },
  hours: '',
  phones: { consult: '', complaint: '' },
  process: [],
  statutoryDays: null,
  promisedDays: null,
  caseType: null,
  online: false,
  visits: null,
});

const clean = (text: unknown, max: number): string =>
  typeof text === 'string' ? text.replace(/\r\n?/g, '\n').trim().slice(0, max) : '';

/** Trims every text and drops empty list entries, so a stored guide is always in one shape. */
export function normaliseGuide(g: GuideData): GuideData {
  return {
    name: clean(g.name, 200),
    basis: g.basis
      .map((b) => ({ title: clean(b.title, 300), articles: clean(b.articles, 2000), documentId: b.documentId ?? null }))
      .filter((b) => b.title || b.articles || b.documentId),
    conditions: clean(g.conditions, 5000),
    materials: g.materials
      .map((m) => ({
        ...m,
        name: clean(m.name, 200),
        sourceNote: clean(m.sourceNote, 200),
        notes: clean(m.notes, 2000),
        formUrl: clean(m.formUrl, 500),
        copies: m.copies ?? null,
        blankFileId: m.blankFileId ?? null,
        sampleFileId: m.sampleFileId ?? null,
      }))
      .filter((m) => m.name),
    place: clean(g.place, 1000),
    organ: clean(g.organ, 300),
    fee: { standard: clean(g.fee.standard, 1000), basis: clean(g.fee.basis, 1000) },
    hours: clean(g.hours, 1000),
    phones: { consult: clean(g.phones.consult, 200), complaint: clean(g.phones.complaint, 200) },
    process: g.process
      .map((s) => ({ title: clean(s.title, 100), detail: clean(s.detail, 1000) }))
      .filter((s) => s.title || s.detail),
    statutoryDays: g.statutoryDays ?? null,
    promisedDays: g.promisedDays ?? null,
    caseType: g.caseType ?? null,
    online: Boolean(g.online),
    visits: g.visits ?? null,
  };
}

/** Names of forms to fill in, whatever the editor ticked: a material called 申请表 is a form. */
const FORM_NAME = /申请表|申请书|登记表|申报表|审批表|备案表|信息表|情况表|承诺书|表格|表）|表$/;
export const isFormMaterial = (m: Pick<GuideMaterial, 'name' | 'isForm'>): boolean =>
  m.isForm || FORM_NAME.test(m.name);

/** The file ids a guide refers to (blank forms and samples): published with the guide. */
export function guideFileIds(g: GuideData): number[] {
  const ids = g.materials.flatMap((m) => [m.blankFileId, m.sampleFileId]).filter((id): id is number => id !== null);
  return [...new Set(ids)];
}

export const limitText = (days: number | null): string =>
  days === null ? '' : days === 0 ? '当场办结' : `${days}个工作日`;

export const visitsText = (visits: number | null): string =>
  visits === null ? '' : visits === 0 ? '0次（全程网办）' : `${visits}次`;

export function materialFormat(m: GuideMaterial): string {
  return [m.form, m.medium, m.copies ? `${m.copies}份` : ''].filter(Boolean).join('，');
}

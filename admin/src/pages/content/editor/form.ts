// The editor's form: its values for each content type, to and from the API's shapes (ContentDetail →
// form, form → ContentUpdate), and which columns a type may be published in.
import type { Dayjs } from 'dayjs';
import type { ContentType } from '../../../../../src/modules/content/content-types.ts';
import type { ContentUpdate } from '../../../../../src/modules/content/content.schema.ts';
import type { ContentDetail, WritableColumn } from '../../../../../src/modules/content/content.schema.ts';
import type { FileView } from '../../../../../src/modules/files/files.schema.ts';
import { dayText, dayValue } from '../../../time';
import type { AttachmentValue } from '../FileFields';

export type ContentInput = Omit<ContentUpdate, 'note'>;
type TypeFields = NonNullable<ContentUpdate['fields']>;

export interface FormValues {
  type: ContentType;
  columnId?: number;
  extraColumnIds: number[];
  title: string;
  subtitle: string;
  source: string;
  author: string;
  summary: string;
  keywords: string;
  cover: FileView | null;
  bodyHtml: string;
  attachments: AttachmentValue[];
  policyIds: number[];
  sort: number;
  docNumber: string;
  issuingOrgan: string;
  writtenDate: Dayjs | null;
  theme?: TypeFields['theme'];
  validity?: TypeFields['validity'];
  validityDate: Dayjs | null;
  disclosureMethod?: TypeFields['disclosureMethod'];
  disclosureScope?: TypeFields['disclosureScope'];
  form?: TypeFields['form'];
  post: string;
  duties: string;
  resume: string;
  note: string;
}

export const EMPTY: FormValues = {
  type: 'article',
  extraColumnIds: [],
  title: '',
  subtitle: '',
  source: '',
  author: '',
  summary: '',
  keywords: '',
  cover: null,
  bodyHtml: '',
  attachments: [],
  policyIds: [],
  sort: 0,
  docNumber: '',
  issuingOrgan: '',
  writtenDate: null,
  validityDate: null,
  post: '',
  duties: '',
  resume: '',
  note: '',
};

export function valuesOf(d: ContentDetail): FormValues {
  const f = d.fields ?? {};
  return {
    ...EMPTY,
    type: d.type,
    columnId: d.columnId,
    extraColumnIds: d.extraColumnIds ?? [],
    title: d.title,
    subtitle: d.subtitle ?? '',
    source: d.source ?? '',
    author: d.author ?? '',
    summary: d.summary ?? '',
    keywords: d.keywords ?? '',
    cover: d.cover,
    bodyHtml: d.bodyHtml ?? '',
    attachments: d.attachmentFiles.map((a) => ({ fileId: a.id, name: a.name, url: a.url, size: a.size })),
    policyIds: d.policyIds ?? [],
    sort: d.sort ?? 0,
    docNumber: f.docNumber ?? '',
    issuingOrgan: f.issuingOrgan ?? '',
    writtenDate: dayValue(f.writtenDate),
    theme: f.theme,
    validity: f.validity,
    validityDate: dayValue(f.validityDate),
    disclosureMethod: f.disclosureMethod,
    disclosureScope: f.disclosureScope,
    form: f.form,
    post: f.post ?? '',
    duties: f.duties ?? '',
    resume: f.resume ?? '',
  };
}

export const hasBody = (t: ContentType) => t !== 'leader';
export const isArticleLike = (t: ContentType) => t === 'article' || t === 'policy' || t === 'interpretation';

export function inputOf(v: FormValues): ContentInput {
  const t = v.type;
  const fields: TypeFields = {};
  const put = <K extends keyof TypeFields>(k: K, value: TypeFields[K] | undefined) => {
    if (value !== undefined && value !== null && value !== '') fields[k] = value;
  };
  if (t === 'policy') {
    put('docNumber', v.docNumber.trim());
    put('issuingOrgan', v.issuingOrgan.trim());
    put('writtenDate', dayText(v.writtenDate));
    put('theme', v.theme);
    put('validity', v.validity);
    if (v.validity && v.validity !== '有效') put('validityDate', dayText(v.validityDate));
    put('disclosureMethod', v.disclosureMethod);
    put('disclosureScope', v.disclosureScope);
  }
  if (t === 'interpretation') put('form', v.form);
  if (t === 'leader') {
    put('post', v.post.trim());
    put('duties', v.duties.trim());
    put('resume', v.resume.trim());
  }
  const articleLike = isArticleLike(t);
  return {
    columnId: v.columnId!,
    extraColumnIds: articleLike ? v.extraColumnIds : [],
    title: v.title.trim(),
    ...(articleLike
      ? {
          subtitle: v.subtitle.trim(),
          source: v.source.trim(),
          author: v.author.trim(),
          summary: v.summary.trim(),
          keywords: v.keywords.trim(),
        }
      : {}),
    coverFileId: articleLike || t === 'leader' ? (v.cover?.id ?? null) : null,
    bodyHtml: hasBody(t) ? v.bodyHtml : '',
    fields,
    attachments: articleLike ? v.attachments.map((a) => ({ fileId: a.fileId, name: a.name.trim() || '附件' })) : [],
    policyIds: t === 'interpretation' ? v.policyIds : [],
    sort: v.sort ?? 0,
  };
}

/** Server field names (details.fields) → form field names. */
export const RENAME: Record<string, string> = {
  coverFileId: 'cover',
  'fields.docNumber': 'docNumber',
  'fields.issuingOrgan': 'issuingOrgan',
  'fields.writtenDate': 'writtenDate',
  'fields.theme': 'theme',
  'fields.validity': 'validity',
  'fields.validityDate': 'validityDate',
  'fields.disclosureMethod': 'disclosureMethod',
  'fields.disclosureScope': 'disclosureScope',
  'fields.form': 'form',
  'fields.post': 'post',
  'fields.duties': 'duties',
  'fields.resume': 'resume',
};

export function fitsColumn(type: ContentType, c: WritableColumn): boolean {
  if (c.kind === 'link') return false;
  if (type === 'page') return c.kind === 'page';
  if (c.kind !== 'list') return false;
  if (type === 'leader') return c.columnType === '领导信息';
  return true;
}

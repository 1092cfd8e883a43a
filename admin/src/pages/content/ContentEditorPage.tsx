// New / edit one item: the form for its type, the rich-text body, uploads; the actions 保存草稿, 提交审查,
// 定时发布/撤稿, 撤稿, 在网站上查看; the versions and the review history. Reviewers see it read-only.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  ClockCircleOutlined,
  ExportOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, queryString } from '../../api';
import { useAuth, useMe } from '../../auth';
import { showFormError, toastError, toastSuccess, modal } from '../../feedback';
import { formatDateTime } from '../../format';
import { dayText, dayValue } from '../../time';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import type { ContentDetail, ContentListItem, Items, SubmitResult, WritableColumn, FileView } from '../../api-types';
import { SubmitModal } from '../review/SubmitModal';
import { ScheduleModal, WithdrawModal } from './ContentActions';
import { useColumnIndex, useContentOptions } from './data';
import { AttachmentsField, ImageField, type AttachmentValue } from './FileFields';
import type { ContentType } from '../../../../src/modules/content/content-types.ts';
import type { ContentUpdate } from '../../../../src/modules/content/content.schema.ts';
import { OPEN_STATES, STATE_COLORS } from '../review/labels';
import { STATUS_COLORS, TYPE_NAMES } from './labels';

type ContentInput = Omit<ContentUpdate, 'note'>;
type TypeFields = NonNullable<ContentUpdate['fields']>;
import { ContentPreview } from './ContentPreview';
import { ReviewHistory } from '../review/ReviewHistory';
import { VersionsPanel } from './VersionsPanel';
import './content.css';

// TipTap is the heaviest part of the console: loaded with this page only.
const RichTextEditor = lazy(() => import('../../components/editor/RichTextEditor'));

interface FormValues {
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

const EMPTY: FormValues = {
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

function valuesOf(d: ContentDetail): FormValues {
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

const hasBody = (t: ContentType) => t !== 'leader';
const isArticleLike = (t: ContentType) => t === 'article' || t === 'policy' || t === 'interpretation';

function inputOf(v: FormValues): ContentInput {
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
const RENAME: Record<string, string> = {
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

function fitsColumn(type: ContentType, c: WritableColumn): boolean {
  if (c.kind === 'link') return false;
  if (type === 'page') return c.kind === 'page';
  if (c.kind !== 'list') return false;
  if (type === 'leader') return c.columnType === '领导信息';
  return true;
}

/** Policy documents to link from an interpretation, searched by title. */
function PolicyPicker(props: {
  id?: string;
  siteId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  known: { id: number; title: string }[];
  disabled?: boolean;
  selfId?: number;
}) {
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Map<number, string>>(() => new Map(props.known.map((k) => [k.id, k.title])));
  const result = useLoad(
    () =>
      api
        .get<{ items: ContentListItem[] }>(
          `/api/sites/${props.siteId}/content${queryString({ type: 'policy', q: q.trim(), pageSize: 30 })}`,
        )
        .then((r) => r.items),
    [props.siteId, q],
  );
  useEffect(() => {
    if (!result.data) return;
    setLabels((prev) => {
      const next = new Map(prev);
      for (const i of result.data!) next.set(i.id, i.title);
      return next;
    });
  }, [result.data]);
  const timer = useRef<number | undefined>(undefined);
  const found = (result.data ?? []).filter((i) => i.id !== props.selfId);
  const options = [
    ...(props.value ?? [])
      .filter((id) => !found.some((f) => f.id === id))
      .map((id) => ({ value: id, label: labels.get(id) ?? `#${id}` })),
    ...found.map((i) => ({
      value: i.id,
      label: `${i.title}${i.status === 'published' ? '' : `（${i.statusName}）`}${i.indexNo ? ` · ${i.indexNo}` : ''}`,
    })),
  ];
  return (
    <Select
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      options={options}
      filterOption={false}
      popupMatchSelectWidth={480}
      showSearch={{
        onSearch: (text) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => setQ(text), 300);
        },
      }}
      loading={result.loading}
      placeholder="输入标题搜索本站的政策文件"
      notFoundContent={result.loading ? <Spin size="small" /> : '没有找到政策文件'}
      style={{ width: '100%' }}
    />
  );
}

export default function ContentEditorPage() {
  const { id: idParam } = useParams();
  const id = idParam && /^\d+$/.test(idParam) ? Number(idParam) : null;
  const isNew = id === null;
  const me = useMe();
  const { can } = useAuth();
  const writer = can('content.write');
  const navigate = useNavigate();
  const sites = useSites();
  const [currentSite, chooseSite] = useCurrentSite(sites.data);
  const item = useLoad(id ? () => api.get<ContentDetail>(`/api/content/${id}`) : null, [id]);
  const detail = item.data && item.data.id === id ? item.data : null;
  const siteId = isNew ? currentSite?.id : detail?.siteId;
  const options = useContentOptions();
  const columns = useColumnIndex(siteId);
  const writable = useLoad(
    siteId && writer
      ? () => api.get<Items<WritableColumn>>(`/api/sites/${siteId}/writable-columns`).then((r) => r.items)
      : null,
    [siteId, writer],
  );
  usePageTitle(isNew ? '新建信息' : detail ? `编辑：${detail.title}` : '信息');

  const [form] = Form.useForm<FormValues>();
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [tab, setTab] = useState('content');
  const [dialog, setDialog] = useState<'submit' | 'schedule' | 'withdraw' | null>(null);
  const type: ContentType = Form.useWatch('type', form) ?? detail?.type ?? 'article';
  const validity = Form.useWatch('validity', form);

  // A different item (or a fresh form after creating one): reinitialise the form.
  const loadedFor = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (isNew) {
      if (loadedFor.current !== null) {
        loadedFor.current = null;
        setFormKey((k) => k + 1);
        setDirty(false);
      }
    } else if (detail && loadedFor.current !== detail.id) {
      loadedFor.current = detail.id;
      setFormKey((k) => k + 1);
      setDirty(false);
    }
  }, [isNew, detail]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const latestReview = detail?.reviews[detail.reviews.length - 1];
  const inReview = !!latestReview && OPEN_STATES.includes(latestReview.state);
  const columnWritable = isNew ? writer : !!detail && !!writable.data?.some((c) => c.id === detail.columnId);
  const readOnlyReason = !writer
    ? '您是审查人员，信息内容在此只读；审查请到“我的待办”。'
    : detail?.status === 'classified'
      ? '该信息经审查属于涉密信息，不得在网站发布，也不能再编辑。'
      : inReview
        ? `该信息正在审查中（${latestReview!.stateName}），审查结束前不能修改。`
        : detail && writable.data && !columnWritable
          ? '该信息所在栏目不是您所在部门负责的栏目（见栏目任务分解表），您只能查看。'
          : null;
  const readOnly = !!readOnlyReason || (!isNew && !detail);

  const columnOptions = useMemo(() => {
    const list = (writable.data ?? []).filter((c) => fitsColumn(type, c));
    const label = (c: { id: number; name: string; path?: string }) => columns.data?.trail(c.id) || c.name;
    const opts = list.map((c) => ({ value: c.id, label: label(c), title: c.path }));
    if (detail && !opts.some((o) => o.value === detail.columnId))
      opts.unshift({
        value: detail.columnId,
        label: label({ id: detail.columnId, name: detail.columnName }),
        title: '',
      });
    return opts;
  }, [writable.data, type, columns.data, detail]);
  const extraOptions = useMemo(() => {
    const list = (writable.data ?? []).filter((c) => c.kind === 'list');
    const opts = list.map((c) => ({ value: c.id, label: columns.data?.trail(c.id) || c.name }));
    for (const extra of detail?.extraColumnIds ?? []) {
      if (!opts.some((o) => o.value === extra))
        opts.push({ value: extra, label: columns.data?.trail(extra) || `栏目 #${extra}` });
    }
    return opts;
  }, [writable.data, columns.data, detail]);

  const columnLabel = (cid: number | undefined) =>
    cid ? columns.data?.trail(cid) || columnOptions.find((o) => o.value === cid)?.label || '' : '';

  const save = async (): Promise<ContentDetail | null> => {
    if (uploading > 0) {
      toastError('正文中还有图片正在上传，请稍候再保存');
      return null;
    }
    let values: FormValues;
    try {
      values = { ...EMPTY, ...(await form.validateFields()), ...form.getFieldsValue(true) };
    } catch {
      toastError('请按提示补全或修改标红的项目');
      return null;
    }
    if (/<img[^>]+src="data:/i.test(values.bodyHtml)) {
      toastError('正文中有粘贴的图片尚未上传完成，请稍候再保存');
      return null;
    }
    setSaving(true);
    try {
      const input = inputOf(values);
      let saved: ContentDetail;
      if (isNew) {
        if (!siteId) return null;
        saved = await api.post<ContentDetail>(`/api/sites/${siteId}/content`, { type: values.type, ...input });
        toastSuccess('已保存为草稿');
        setDirty(false);
        loadedFor.current = saved.id;
        item.setData(saved);
        navigate(`/content/${saved.id}`, { replace: true });
      } else {
        saved = await api.put<ContentDetail>(`/api/content/${id}`, {
          ...input,
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
        });
        toastSuccess(`已保存（第 ${saved.version} 版）`);
        item.setData(saved);
        form.setFieldsValue({ note: '' });
        setDirty(false);
      }
      return saved;
    } catch (err) {
      showFormError(form, err, RENAME);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const openSubmit = async () => {
    if (isNew || dirty) {
      const saved = await save();
      if (!saved) return;
    }
    setDialog('submit');
  };

  const afterSubmit = (r: SubmitResult) => {
    setDialog(null);
    if (r.state === 'closed') {
      modal().warning({
        title: '已登记为涉密不发布',
        content: `登记序号 ${r.serial}。涉密信息不得在网站发布，此信息不能再编辑或发布。`,
        okText: '知道了',
      });
    } else {
      toastSuccess(`已提交审查（登记序号 ${r.serial}），当前环节：${r.stateName}`);
    }
    void item.reload();
  };

  const restored = (d: ContentDetail) => {
    item.setData(d);
    loadedFor.current = d.id;
    setFormKey((k) => k + 1);
    setDirty(false);
    setTab('content');
  };

  if (!isNew && !detail) {
    return item.loading || !item.error ? (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    ) : (
      <Alert
        type="error"
        showIcon
        title="无法打开该信息"
        description="信息不存在，或您没有查看它的权限。"
        action={<Link to="/content">返回信息列表</Link>}
      />
    );
  }

  const status = detail?.status;
  const canSubmit = !readOnly && !!me.departmentId && !(status === 'published' && !detail?.pendingChanges && !dirty);
  const canSchedule = !!detail && writer && columnWritable && status !== 'classified';
  const canWithdraw = !!detail && writer && columnWritable && (status === 'published' || status === 'scheduled');
  const typeOptions = (options.data?.types ??
    Object.entries(TYPE_NAMES).map(([value, label]) => ({ value, label }))) as { value: ContentType; label: string }[];
  const nameLabel = type === 'leader' ? '姓名' : '标题';
  const noColumns = writer && writable.data && columnOptions.length === 0;

  const rejected =
    latestReview?.state === 'rejected' ? latestReview.steps.filter((s) => s.decision === '不同意').pop() : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="content-editor">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space orientation="vertical" size={0}>
          <Link to="/content">
            <ArrowLeftOutlined aria-hidden /> 返回信息列表
          </Link>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {isNew ? '新建信息' : detail!.title}
          </Typography.Title>
        </Space>
        {isNew && sites.data && <SiteSelect sites={sites.data} value={currentSite} onChange={chooseSite} />}
      </Space>

      {detail && (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label="状态">
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[detail.status]} data-testid="content-status">
                  {detail.statusName}
                </Tag>
                {detail.pendingChanges && <Tag color="orange">有未发布的修改</Tag>}
                {latestReview && (
                  <Tag
                    color={STATE_COLORS[latestReview.state]}
                    data-testid="review-state"
                    data-state={latestReview.state}
                  >
                    审查：{latestReview.stateName}
                  </Tag>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="类型">{detail.typeName}</Descriptions.Item>
            <Descriptions.Item label="版本">
              第 {detail.version} 版{detail.publishedVersion ? `（网站上为第 ${detail.publishedVersion} 版）` : ''}
            </Descriptions.Item>
            {detail.indexNo && (
              <Descriptions.Item label="索引号">
                <Typography.Text copyable data-testid="index-no">
                  {detail.indexNo}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="首次发布">{formatDateTime(detail.firstPublishedAt)}</Descriptions.Item>
            {detail.lastPublishedAt && detail.lastPublishedAt !== detail.firstPublishedAt && (
              <Descriptions.Item label="最近发布">{formatDateTime(detail.lastPublishedAt)}</Descriptions.Item>
            )}
            {detail.publishAt && (
              <Descriptions.Item label="定时发布">
                <span data-testid="publish-at">{formatDateTime(detail.publishAt)}</span>
              </Descriptions.Item>
            )}
            {detail.withdrawAt && (
              <Descriptions.Item label="定时撤稿">{formatDateTime(detail.withdrawAt)}</Descriptions.Item>
            )}
            {detail.withdrawnAt && (
              <Descriptions.Item label="撤稿">
                {formatDateTime(detail.withdrawnAt)}（{detail.withdrawReason}）
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}

      {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} data-testid="read-only-reason" />}
      {rejected && !inReview && (
        <Alert
          type="warning"
          showIcon
          title={`上次提交（登记序号 ${latestReview!.serial}）未获同意，已退回`}
          description={`${rejected.stepName}（${rejected.actorName}，${formatDateTime(rejected.decidedAt)}）意见：${rejected.opinion}。请修改后重新提交审查。`}
        />
      )}
      {noColumns && (
        <Alert
          type="warning"
          showIcon
          title={`您所在部门在本站点没有可发布“${TYPE_NAMES[type]}”的栏目`}
          description="可发布的栏目按栏目任务分解表确定：只有您所在部门牵头或配合的栏目（以及管理员单独授权的栏目）可以选择。如需调整请联系站点管理员。"
        />
      )}

      <Space wrap className="editor-actions" role="group" aria-label="信息操作">
        {!readOnly && (
          <Button
            type="primary"
            icon={<SaveOutlined aria-hidden />}
            loading={saving}
            onClick={() => void save()}
            data-testid="save-draft"
          >
            保存草稿
          </Button>
        )}
        {writer && (
          <Tooltip
            title={
              readOnlyReason ??
              (!me.departmentId
                ? '您的账号未设置所属部门，不能提交审查'
                : status === 'published' && !detail?.pendingChanges && !dirty
                  ? '已发布且没有新的修改，无需审查'
                  : '')
            }
          >
            <span>
              <Button
                icon={<SendOutlined aria-hidden />}
                disabled={!canSubmit || saving}
                onClick={() => void openSubmit()}
                data-testid="open-submit"
              >
                提交审查
              </Button>
            </span>
          </Tooltip>
        )}
        {canSchedule && (
          <Button icon={<ClockCircleOutlined aria-hidden />} onClick={() => setDialog('schedule')}>
            定时发布/撤稿
          </Button>
        )}
        {canWithdraw && (
          <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setDialog('withdraw')}>
            撤稿
          </Button>
        )}
        {detail?.publicUrl && (
          <a href={detail.publicUrl} target="_blank" rel="noopener noreferrer" data-testid="public-link">
            在网站上查看 <ExportOutlined aria-hidden />
            <span className="sr-only">（在新窗口打开）</span>
          </a>
        )}
        {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
      </Space>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'content',
            label: '内容',
            children:
              readOnly && detail ? (
                <Card size="small">
                  <ContentPreview item={detail} columnLabel={columnLabel(detail.columnId) || detail.columnName} />
                </Card>
              ) : siteId ? (
                <Form<FormValues>
                  key={formKey}
                  form={form}
                  layout="vertical"
                  disabled={readOnly}
                  initialValues={detail ? valuesOf(detail) : EMPTY}
                  onValuesChange={(changed: Partial<FormValues>) => {
                    if (Object.keys(changed).length) setDirty(true);
                    if (changed.type) {
                      const cid = form.getFieldValue('columnId') as number | undefined;
                      const c = writable.data?.find((w) => w.id === cid);
                      if (c && !fitsColumn(changed.type, c)) form.setFieldsValue({ columnId: undefined });
                    }
                  }}
                  onFinish={() => void save()}
                  scrollToFirstError
                  data-testid="content-form"
                >
                  <Row gutter={24}>
                    <Col xs={24} xl={16}>
                      {isNew && (
                        <Form.Item label="信息类型" name="type" rules={[{ required: true }]}>
                          <Radio.Group optionType="button" buttonStyle="solid" options={typeOptions} />
                        </Form.Item>
                      )}
                      <Form.Item
                        label={nameLabel}
                        name="title"
                        rules={[
                          { required: true, whitespace: true, message: `请输入${nameLabel}` },
                          { min: 2, message: `${nameLabel}至少 2 个字` },
                        ]}
                      >
                        <Input maxLength={200} showCount={type !== 'leader'} />
                      </Form.Item>
                      {isArticleLike(type) && (
                        <Form.Item label="副标题" name="subtitle">
                          <Input maxLength={200} />
                        </Form.Item>
                      )}
                      {type === 'leader' && (
                        <>
                          <Form.Item
                            label="职务"
                            name="post"
                            rules={[{ required: true, whitespace: true, message: '请输入职务' }]}
                            extra="多个职务用顿号分隔，如“党组书记、主任”；发布前检查据此核对正文中领导的职务。"
                          >
                            <Input maxLength={100} />
                          </Form.Item>
                          <Form.Item label="分工" name="duties">
                            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
                          </Form.Item>
                          <Form.Item label="简历" name="resume">
                            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} showCount />
                          </Form.Item>
                        </>
                      )}
                      {isArticleLike(type) && (
                        <Form.Item label="摘要" name="summary" extra="可不填；不填时网站取正文开头作为摘要。">
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} showCount />
                        </Form.Item>
                      )}
                      {hasBody(type) && (
                        <Form.Item
                          label={<span id="body-label">正文</span>}
                          name="bodyHtml"
                          extra="可直接从 Word/WPS 粘贴：标题、列表、表格会保留，字体颜色等格式会去除；图片请用“插入图片”上传并填写替代文字。保存时系统会按安全规则清理。"
                        >
                          <BodyEditor siteId={siteId} readOnly={readOnly} onUploadingChange={setUploading} />
                        </Form.Item>
                      )}
                      {isArticleLike(type) && (
                        <Form.Item label="附件" name="attachments">
                          <AttachmentsField siteId={siteId} disabled={readOnly} />
                        </Form.Item>
                      )}
                      {!isNew && !readOnly && (
                        <Form.Item label="修改说明" name="note" extra="可选，记入版本记录，如“核实会议时间”。">
                          <Input maxLength={300} />
                        </Form.Item>
                      )}
                    </Col>
                    <Col xs={24} xl={8}>
                      <Card size="small" title="发布位置" style={{ marginBottom: 16 }}>
                        <Form.Item
                          label="栏目"
                          name="columnId"
                          rules={[{ required: true, message: '请选择栏目' }]}
                          extra={
                            type === 'page'
                              ? '按栏目任务分解表，您所在部门负责的栏目；单页只能放在“单页”形式的栏目中。'
                              : type === 'leader'
                                ? '按栏目任务分解表，您所在部门负责的栏目；领导信息只能放在领导信息类栏目中。'
                                : '按栏目任务分解表，您所在部门负责的栏目。'
                          }
                        >
                          <Select
                            options={columnOptions}
                            placeholder="选择栏目"
                            showSearch={{ optionFilterProp: 'label' }}
                            loading={writable.loading || columns.loading}
                            data-testid="column-select"
                          />
                        </Form.Item>
                        {isArticleLike(type) && (
                          <Form.Item
                            label="同时发布到"
                            name="extraColumnIds"
                            extra="可选：同时出现在其他信息列表栏目中。"
                          >
                            <Select
                              mode="multiple"
                              allowClear
                              options={extraOptions}
                              showSearch={{ optionFilterProp: 'label' }}
                              placeholder="不同时发布到其他栏目"
                            />
                          </Form.Item>
                        )}
                        {type === 'leader' && (
                          <Form.Item label="排序" name="sort" extra="数字小的排在前面。">
                            <InputNumber min={0} max={10000} precision={0} />
                          </Form.Item>
                        )}
                      </Card>
                      {isArticleLike(type) && (
                        <Card size="small" title="来源与关键词" style={{ marginBottom: 16 }}>
                          <Form.Item label="来源" name="source">
                            <Input maxLength={100} placeholder="如：市政务办" />
                          </Form.Item>
                          <Form.Item label="作者" name="author">
                            <Input maxLength={100} />
                          </Form.Item>
                          <Form.Item label="关键词" name="keywords" extra="多个关键词用逗号分隔。">
                            <Input maxLength={200} />
                          </Form.Item>
                        </Card>
                      )}
                      {type === 'policy' && (
                        <Card size="small" title="政策文件属性" style={{ marginBottom: 16 }}>
                          {detail?.indexNo ? (
                            <Typography.Paragraph>
                              索引号：<Typography.Text strong>{detail.indexNo}</Typography.Text>
                            </Typography.Paragraph>
                          ) : (
                            <Typography.Paragraph type="secondary">
                              索引号在保存后由系统按网站标识码、年度和主题分类生成。
                            </Typography.Paragraph>
                          )}
                          <Form.Item label="文号" name="docNumber">
                            <Input maxLength={100} placeholder="如：宁政务办发〔2026〕12号" />
                          </Form.Item>
                          <Form.Item
                            label="发文机关"
                            name="issuingOrgan"
                            rules={[{ required: true, whitespace: true, message: '请输入发文机关' }]}
                          >
                            <Input maxLength={100} />
                          </Form.Item>
                          <Form.Item
                            label="成文日期"
                            name="writtenDate"
                            rules={[{ required: true, message: '请选择成文日期' }]}
                          >
                            <DatePicker style={{ width: '100%' }} />
                          </Form.Item>
                          <Form.Item
                            label="主题分类"
                            name="theme"
                            rules={[{ required: true, message: '请选择主题分类' }]}
                          >
                            <Select
                              options={(options.data?.themes ?? []).map((t) => ({ value: t, label: t }))}
                              showSearch={{ optionFilterProp: 'label' }}
                            />
                          </Form.Item>
                          <Form.Item
                            label="有效性"
                            name="validity"
                            rules={[{ required: true, message: '请选择有效性' }]}
                          >
                            <Radio.Group
                              options={(options.data?.validity ?? []).map((t) => ({ value: t, label: t }))}
                            />
                          </Form.Item>
                          {validity && validity !== '有效' && (
                            <Form.Item
                              label={`${validity}日期`}
                              name="validityDate"
                              rules={[{ required: true, message: `请选择${validity}日期` }]}
                            >
                              <DatePicker style={{ width: '100%' }} />
                            </Form.Item>
                          )}
                          <Form.Item label="公开方式" name="disclosureMethod">
                            <Select
                              allowClear
                              options={(options.data?.disclosureMethods ?? []).map((t) => ({ value: t, label: t }))}
                            />
                          </Form.Item>
                          <Form.Item label="公开范围" name="disclosureScope">
                            <Select
                              allowClear
                              options={(options.data?.disclosureScopes ?? []).map((t) => ({ value: t, label: t }))}
                            />
                          </Form.Item>
                        </Card>
                      )}
                      {type === 'interpretation' && (
                        <Card size="small" title="政策解读属性" style={{ marginBottom: 16 }}>
                          <Form.Item
                            label="解读形式"
                            name="form"
                            rules={[{ required: true, message: '请选择解读形式' }]}
                          >
                            <Select
                              options={(options.data?.interpretationForms ?? []).map((t) => ({ value: t, label: t }))}
                            />
                          </Form.Item>
                          <Form.Item
                            label="解读的政策文件"
                            name="policyIds"
                            rules={[
                              { required: true, type: 'array', min: 1, message: '请至少关联一个被解读的政策文件' },
                            ]}
                            extra="输入标题搜索本站的政策文件，可选多个。"
                          >
                            <PolicyPicker
                              siteId={siteId}
                              known={detail?.related ?? []}
                              selfId={detail?.id}
                              disabled={readOnly}
                            />
                          </Form.Item>
                        </Card>
                      )}
                      {(isArticleLike(type) || type === 'leader') && (
                        <Card size="small" title={type === 'leader' ? '照片' : '封面图片'} style={{ marginBottom: 16 }}>
                          <Form.Item name="cover" noStyle>
                            <ImageField
                              siteId={siteId}
                              disabled={readOnly}
                              what={type === 'leader' ? '照片' : '封面'}
                            />
                          </Form.Item>
                        </Card>
                      )}
                    </Col>
                  </Row>
                </Form>
              ) : (
                <Spin />
              ),
          },
          ...(detail
            ? [
                {
                  key: 'versions',
                  label: `版本记录（${detail.version}）`,
                  children: <VersionsPanel item={detail} canRestore={!readOnly} onRestored={restored} />,
                },
                {
                  key: 'reviews',
                  label: `审查记录（${detail.reviews.length}）`,
                  children: <ReviewHistory reviews={detail.reviews} />,
                },
              ]
            : []),
        ]}
      />

      {detail && (
        <>
          <SubmitModal
            open={dialog === 'submit'}
            item={detail}
            department={me.departmentName}
            column={columnLabel(detail.columnId) || detail.columnName}
            onClose={() => setDialog(null)}
            onDone={afterSubmit}
          />
          <ScheduleModal
            open={dialog === 'schedule'}
            item={detail}
            onClose={() => setDialog(null)}
            onDone={(d) => {
              setDialog(null);
              item.setData(d);
            }}
          />
          <WithdrawModal
            open={dialog === 'withdraw'}
            item={detail}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              void item.reload();
            }}
          />
        </>
      )}
    </Space>
  );
}

/** The lazy editor as a form control (Form.Item passes value/onChange). */
function BodyEditor(props: {
  value?: string;
  onChange?: (v: string) => void;
  siteId: number;
  readOnly: boolean;
  onUploadingChange: (n: number) => void;
}) {
  return (
    <Suspense fallback={<Spin description="正在加载编辑器…" />}>
      <RichTextEditor
        value={props.value}
        onChange={props.onChange}
        siteId={props.siteId}
        readOnly={props.readOnly}
        labelledBy="body-label"
        onUploadingChange={props.onUploadingChange}
      />
    </Suspense>
  );
}

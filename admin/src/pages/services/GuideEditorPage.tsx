// 办事指南编辑: the structured guide of one item — the ten key elements, time limits, materials with their format,
// forms (blank and sample files), the policy basis linked to the site's policy library, the process. The
// completeness check runs as the editor works and its findings stand next to the fields they concern, each with
// the indicator it would cost; a guide with findings cannot be submitted to the release review.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import {
  CASE_TYPES,
  GUIDE_STATE_NAMES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_SOURCES,
  type GuideData,
  type GuideFinding,
  type GuideView,
} from './types';

const at = (findings: GuideFinding[], path: string) =>
  findings.filter((f) => f.field === path || f.field.startsWith(`${path}.`));

function FindingNotes({ findings }: { findings: GuideFinding[] }) {
  if (!findings.length) return null;
  return (
    <ul
      className="guide-findings"
      aria-live="polite"
      style={{ margin: '4px 0 0', paddingInlineStart: 18, color: '#ad6800' }}
    >
      {findings.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a finding has no id of its own; the list is rebuilt on every check
        <li key={i}>
          {f.message}（{f.indicator}：{f.cost}）
        </li>
      ))}
    </ul>
  );
}

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export default function GuideEditorPage() {
  const { itemId } = useParams();
  const sites = useSites();
  const [site] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const guide = useLoad(
    siteId && itemId ? () => api.get<GuideView>(`/api/sites/${siteId}/services/items/${itemId}/guide`) : null,
    [siteId, itemId],
  );
  usePageTitle(guide.data ? `办事指南：${guide.data.item.name}` : '办事指南');
  const [form] = Form.useForm<GuideData>();
  const [findings, setFindings] = useState<GuideFinding[]>([]);
  const [files, setFiles] = useState<Map<number, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [secret, setSecret] = useState<'否' | '不明确' | '是'>('否');

  useEffect(() => {
    if (!guide.data) return;
    form.setFieldsValue(guide.data.data);
    setFindings(guide.data.findings);
    setFiles(new Map(guide.data.files.map((f) => [f.id, f.name])));
  }, [guide.data, form]);

  const values = (): GuideData => form.getFieldsValue(true) as GuideData;
  const base = `/api/sites/${siteId}/services/items/${itemId}/guide`;
  const check = async () => {
    try {
      setFindings((await api.post<{ findings: GuideFinding[] }>(`${base}/check`, values())).findings);
    } catch (err) {
      showError(err);
    }
  };
  const save = async () => {
    setSaving(true);
    try {
      const saved = await api.put<GuideView>(base, values());
      guide.setData(saved);
      toastSuccess(
        saved.findings.length ? `已保存；完整性检查发现 ${saved.findings.length} 处问题` : '已保存，完整性检查通过',
      );
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    try {
      const r = await api.post<{ requestId: number }>(`${base}/submit`, { secret });
      toastSuccess(`已提交信息发布审查（附件3），审查编号 ${r.requestId}`);
      setSubmitting(false);
      await guide.reload();
    } catch (err) {
      showError(err);
    }
  };
  const upload = async (file: File, name: (string | number)[]) => {
    const body = new FormData();
    body.append('file', file);
    try {
      const f = await api.upload<{ id: number; name: string }>(`/api/sites/${siteId}/files`, body);
      setFiles(new Map(files).set(f.id, f.name));
      (form as unknown as FormInstance).setFieldValue(name, f.id);
    } catch (err) {
      showError(err);
    }
    return false;
  };
  const costs = useMemo(() => {
    const out = new Map<string, number>();
    for (const f of findings) out.set(f.indicator, (out.get(f.indicator) ?? 0) + f.points);
    return [...out];
  }, [findings]);

  if (!guide.data) return <Card loading />;
  const { item } = guide.data;
  const state = GUIDE_STATE_NAMES[item.guideState];
  const policies = guide.data.policies.map((p) => ({
    value: p.id,
    label: `${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}`,
  }));
  const text = (name: (string | number)[], label: string, path: string, rows = 1) => (
    <Form.Item label={label} name={name} help={<FindingNotes findings={at(findings, path)} />}>
      {rows > 1 ? <Input.TextArea rows={rows} /> : <Input />}
    </Form.Item>
  );

  return (
    <div data-testid="guide-editor">
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          办事指南：{item.name}
        </Typography.Title>
        <Tag color={state?.color}>{state?.label}</Tag>
        {guide.data.review ? <Tag>审查：{guide.data.review.outcome}</Tag> : null}
        <Link to="/services/items">返回事项目录</Link>
        <a href={item.publicPath} target="_blank" rel="noreferrer">
          查看公开页面
        </a>
      </Space>
      <Typography.Paragraph type="secondary">
        {item.code}｜{item.type}｜{item.departmentName}
        ｜保存即形成新版本；提交审查前须通过完整性检查，经审核、分管领导审批后发布。
      </Typography.Paragraph>
      <Alert
        style={{ marginBottom: 16 }}
        type={findings.length ? 'warning' : 'success'}
        showIcon
        message={
          findings.length
            ? `完整性检查发现 ${findings.length} 处问题`
            : '完整性检查通过：重点要素齐全，材料格式、表单、依据和电话均无问题'
        }
        description={
          findings.length ? (
            <>
              <p>如按现状公开，检查时将扣分：{costs.map(([name, points]) => `${name} ${points} 分`).join('；')}。</p>
              <FindingNotes findings={findings} />
            </>
          ) : null
        }
      />
      <Form form={form} layout="vertical" onValuesChange={() => undefined}>
        <Card title="基本信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {text(['name'], '事项名称', 'name')}
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="caseType" label="办件类型">
                <Select allowClear options={options(CASE_TYPES)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="online" label="是否网办" valuePropName="checked">
                <Switch checkedChildren="可在线申请" unCheckedChildren="窗口办理" />
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item name="statutoryDays" label="法定时限（工作日）">
                <InputNumber min={0} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item
                name="promisedDays"
                label="承诺时限（工作日）"
                help={<FindingNotes findings={at(findings, 'promisedDays')} />}
              >
                <InputNumber min={0} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item name="visits" label="到现场次数">
                <InputNumber min={0} max={10} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {text(['place'], '办理地点', 'place')}
            </Col>
            <Col xs={24} md={12}>
              {text(['organ'], '办理机构', 'organ')}
            </Col>
            <Col xs={24} md={12}>
              {text(['hours'], '办理时间', 'hours')}
            </Col>
            <Col xs={24} md={12}>
              {text(['fee', 'standard'], '收费标准', 'fee.standard')}
            </Col>
            <Col xs={24} md={12}>
              {text(['fee', 'basis'], '收费依据', 'fee.basis')}
            </Col>
            <Col xs={24} md={6}>
              {text(['phones', 'consult'], '咨询电话（联系电话）', 'phones.consult')}
            </Col>
            <Col xs={24} md={6}>
              {text(['phones', 'complaint'], '监督投诉电话', 'phones.complaint')}
            </Col>
          </Row>
        </Card>
        <Card title="设定依据" style={{ marginBottom: 16 }}>
          <FindingNotes findings={findings.filter((f) => f.field === 'basis')} />
          <Form.List name="basis">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key}>
                    <Space align="start" wrap>
                      <Form.Item name={[f.name, 'title']} label="文件名称">
                        <Input style={{ width: 280 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'articles']} label="条款">
                        <Input style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'documentId']} label="关联本站政策文件库">
                        <Select
                          style={{ width: 360 }}
                          allowClear
                          showSearch
                          optionFilterProp="label"
                          options={policies}
                          placeholder="选择已发布的政策文件"
                        />
                      </Form.Item>
                      <MinusCircleOutlined
                        aria-label="删除此依据"
                        onClick={() => remove(f.name)}
                        style={{ marginTop: 38 }}
                      />
                    </Space>
                    <FindingNotes findings={at(findings, `basis.${f.name}`)} />
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ title: '', articles: '', documentId: null })}
                >
                  增加依据
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="申请条件" style={{ marginBottom: 16 }}>
          {text(['conditions'], '申请条件', 'conditions', 3)}
        </Card>
        <Card title="办理材料" style={{ marginBottom: 16 }}>
          <FindingNotes findings={findings.filter((f) => f.field === 'materials')} />
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={`材料 ${f.name + 1}`}
                    extra={
                      <Button size="small" danger onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item name={[f.name, 'name']} label="材料名称">
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item name={[f.name, 'form']} label="原件/复印件">
                          <Select allowClear options={options(MATERIAL_FORMS)} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item name={[f.name, 'medium']} label="纸质/电子">
                          <Select allowClear options={options(MATERIAL_MEDIA)} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={3}>
                        <Form.Item name={[f.name, 'copies']} label="份数">
                          <InputNumber min={0} max={99} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={3}>
                        <Form.Item name={[f.name, 'required']} label="必需" valuePropName="checked">
                          <Checkbox>必需</Checkbox>
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[f.name, 'source']} label="来源渠道">
                          <Select allowClear options={options(MATERIAL_SOURCES)} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[f.name, 'sourceNote']} label="来源说明">
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[f.name, 'notes']} label="填报须知">
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={4}>
                        <Form.Item name={[f.name, 'isForm']} label="需填写的表格" valuePropName="checked">
                          <Checkbox>是表格</Checkbox>
                        </Form.Item>
                      </Col>
                      {(['blankFileId', 'sampleFileId'] as const).map((key) => (
                        <Col xs={12} md={7} key={key}>
                          <Form.Item label={key === 'blankFileId' ? '空白表格' : '示例样表'} shouldUpdate>
                            {() => {
                              const id = form.getFieldValue(['materials', f.name, key]) as number | null;
                              return (
                                <Space>
                                  {id ? (
                                    <Typography.Text>{files.get(id) ?? `文件 ${id}`}</Typography.Text>
                                  ) : (
                                    <Typography.Text type="secondary">未上传</Typography.Text>
                                  )}
                                  <Upload
                                    showUploadList={false}
                                    beforeUpload={(file) => upload(file, ['materials', f.name, key])}
                                  >
                                    <Button size="small" icon={<UploadOutlined aria-hidden />}>
                                      上传
                                    </Button>
                                  </Upload>
                                </Space>
                              );
                            }}
                          </Form.Item>
                        </Col>
                      ))}
                      <Col xs={24} md={10}>
                        <Form.Item name={[f.name, 'formUrl']} label="其他获取渠道（网址）">
                          <Input placeholder="https://" />
                        </Form.Item>
                      </Col>
                    </Row>
                    <FindingNotes findings={at(findings, `materials.${f.name}`)} />
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() =>
                    add({
                      name: '',
                      form: null,
                      medium: null,
                      copies: 1,
                      source: null,
                      sourceNote: '',
                      required: true,
                      notes: '',
                      isForm: false,
                      blankFileId: null,
                      sampleFileId: null,
                      formUrl: '',
                    })
                  }
                >
                  增加材料
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="办理流程" style={{ marginBottom: 16 }}>
          <FindingNotes findings={at(findings, 'process')} />
          <Form.List name="process">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, n) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'title']} label={`第 ${n + 1} 步`}>
                      <Input style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'detail']} label="说明">
                      <Input style={{ width: 420 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={`删除第 ${n + 1} 步`} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: '', detail: '' })}>
                  增加环节
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      </Form>
      <Space style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', width: '100%' }}>
        <Button onClick={() => void check()}>检查</Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          保存
        </Button>
        <Button
          onClick={() => setSubmitting(true)}
          disabled={guide.data.version === null || item.guideState === 'reviewing'}
        >
          提交审查
        </Button>
      </Space>
      <Modal
        open={submitting}
        title="提交信息发布审查（附件3）"
        onCancel={() => setSubmitting(false)}
        onOk={() => void submit()}
        okText="提交"
      >
        <p>将已保存的办事指南提交审核人、分管领导审查，发布形式为“网站公开”。</p>
        <Space>
          <label htmlFor="guide-secret">是否涉密</label>
          <Select
            id="guide-secret"
            value={secret}
            onChange={setSecret}
            options={options(['否', '不明确', '是'])}
            style={{ width: 120 }}
          />
        </Space>
      </Modal>
    </div>
  );
}

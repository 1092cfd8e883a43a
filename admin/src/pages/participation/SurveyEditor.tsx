// The questionnaire editor of 公众调查: title, 调查说明, who may answer, the period, and the questions of every type
// the server supports (单选、多选、评分、矩阵、填空) with their options, and conditional questions: shown only when an
// earlier single or multiple choice question was answered with one of the chosen options.
import { useEffect } from 'react';
import { Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { fromShanghaiPicker, shanghaiPickerValue } from '../../time';
import type { SurveyDetail, SurveyInput } from '../../../../src/modules/surveys/surveys.schema';

type Question = SurveyInput['questions'][number];
type QuestionType = Question['type'];

const TYPES: { value: QuestionType; label: string }[] = [
  { value: 'single', label: '单选题' },
  { value: 'multiple', label: '多选题' },
  { value: 'rating', label: '评分题' },
  { value: 'matrix', label: '矩阵题' },
  { value: 'text', label: '填空题' },
];

/** A question as the form holds it: options and rows as lines of text. */
interface QuestionForm extends Omit<Question, 'options' | 'rows'> {
  options?: string;
  rows?: string;
}

interface Values extends Omit<SurveyInput, 'opensAt' | 'closesAt' | 'questions'> {
  period: [Dayjs, Dayjs];
  questions: QuestionForm[];
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function toQuestion(q: QuestionForm, index: number): Question {
  const { options, rows, showIf, ...rest } = q;
  const out: Question = { ...rest, id: q.id || `q${index + 1}`, required: !!q.required };
  if (showIf?.question && showIf.anyOf?.length) out.showIf = { question: showIf.question, anyOf: showIf.anyOf };
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'matrix') out.options = lines(options);
  if (q.type === 'matrix') out.rows = lines(rows);
  if (q.type !== 'multiple') delete out.maxChoices;
  if (q.type !== 'rating') delete out.scale;
  if (q.type !== 'text') delete out.maxLength;
  return out;
}

function fromDetail(s: SurveyDetail): Values {
  return {
    title: s.title,
    intro: s.intro,
    access: s.access,
    period: [shanghaiPickerValue(s.opensAt)!, shanghaiPickerValue(s.closesAt)!],
    questions: s.questions.map((q) => ({ ...q, options: q.options?.join('\n'), rows: q.rows?.join('\n') })),
  };
}

const EMPTY: Partial<Values> = {
  access: 'account',
  intro: '',
  questions: [{ id: 'q1', type: 'single', title: '', required: true, options: '' }],
};

/** 显示条件: an earlier choice question and the options of it that show this one (none: always shown). */
function ConditionFields({ name }: { name: number }) {
  const form = Form.useFormInstance<Values>();
  // preserve: the ids are not form items, and a plain watch leaves them out.
  const questions = (Form.useWatch('questions', { form, preserve: true }) as QuestionForm[] | undefined) ?? [];
  const parentId = Form.useWatch(['questions', name, 'showIf', 'question'], form) as string | undefined;
  const parents = questions
    .slice(0, name)
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => q && (q.type === 'single' || q.type === 'multiple') && q.id);
  const parent = questions.find((q) => q?.id === parentId);
  return (
    <Space wrap align="start">
      <Form.Item name={[name, 'showIf', 'question']} label="显示条件（前面的选择题）">
        <Select
          allowClear
          placeholder="始终显示"
          style={{ width: 260 }}
          options={parents.map(({ q, i }) => ({
            value: q.id,
            label: `第 ${i + 1} 题：${q.title || '（未填写题目）'}`,
          }))}
          onChange={() => form.setFieldValue(['questions', name, 'showIf', 'anyOf'], [])}
        />
      </Form.Item>
      {parent ? (
        <Form.Item
          name={[name, 'showIf', 'anyOf']}
          label="选择以下任一选项时显示"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择触发显示的选项' }]}
        >
          <Select
            mode="multiple"
            style={{ minWidth: 260 }}
            options={lines(parent.options).map((label, value) => ({ value, label }))}
          />
        </Form.Item>
      ) : null}
    </Space>
  );
}

function QuestionFields({ name, onRemove }: { name: number; onRemove: () => void }) {
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch(['questions', name, 'type'], form) as QuestionType | undefined;
  return (
    <Card
      size="small"
      title={`第 ${name + 1} 题`}
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          onClick={onRemove}
          aria-label={`删除第 ${name + 1} 题`}
        />
      }
    >
      <Space wrap align="start">
        <Form.Item name={[name, 'type']} label="题型" rules={[{ required: true }]}>
          <Select options={TYPES} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name={[name, 'required']} label="必答" valuePropName="checked">
          <Switch />
        </Form.Item>
        {type === 'multiple' ? (
          <Form.Item name={[name, 'maxChoices']} label="最多选">
            <InputNumber min={1} max={30} />
          </Form.Item>
        ) : null}
        {type === 'rating' ? (
          <Form.Item name={[name, 'scale']} label="分值（满分）" initialValue={5}>
            <InputNumber min={2} max={10} />
          </Form.Item>
        ) : null}
        {type === 'text' ? (
          <Form.Item name={[name, 'maxLength']} label="字数上限">
            <InputNumber min={10} max={2000} />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item name={[name, 'title']} label="题目" rules={[{ required: true, message: '请填写题目' }]}>
        <Input maxLength={300} />
      </Form.Item>
      {type === 'single' || type === 'multiple' || type === 'matrix' ? (
        <Form.Item
          name={[name, 'options']}
          label={type === 'matrix' ? '列（选项，每行一个）' : '选项（每行一个）'}
          rules={[{ required: true, message: '请填写选项' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      ) : null}
      {type === 'matrix' ? (
        <Form.Item name={[name, 'rows']} label="行（每行一个）" rules={[{ required: true, message: '请填写矩阵的行' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      ) : null}
      {name > 0 ? <ConditionFields name={name} /> : null}
    </Card>
  );
}

export function SurveyEditor({
  open,
  siteId,
  survey,
  onClose,
  onSaved,
}: {
  open: boolean;
  siteId: number | undefined;
  /** The survey being edited; null for a new one. */
  survey: SurveyDetail | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const busy = useBusy();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(survey ? fromDetail(survey) : EMPTY);
  }, [open, survey, form]);

  const save = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as Values;
    const body: SurveyInput = {
      title: v.title,
      intro: v.intro ?? '',
      access: v.access,
      opensAt: fromShanghaiPicker(v.period[0]),
      closesAt: fromShanghaiPicker(v.period[1]),
      questions: v.questions.map(toQuestion),
    };
    const done = await busy.run(
      () => (survey ? api.put(`/api/surveys/${survey.id}`, body) : api.post(`/api/surveys?siteId=${siteId}`, body)),
      { onError: (err) => showFormError(form, err) },
    );
    if (done === undefined) return;
    toastSuccess(survey ? '调查已保存' : '调查已创建（草稿）');
    onSaved();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={860}
      title={survey ? `编辑调查：${survey.title}` : '新建调查'}
      extra={
        <Button type="primary" loading={busy.busy} onClick={() => void save()}>
          保存
        </Button>
      }
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="title"
          label="调查标题"
          rules={[{ required: true, min: 2, message: '请填写标题（至少 2 个字）' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label="调查说明">
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="access" label="参与方式">
          <Radio.Group
            options={[
              { value: 'account', label: '登录后参与（每个公众账号一份）' },
              { value: 'anonymous', label: '匿名参与（每台设备一份）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="period" label="调查时间（北京时间）" rules={[{ required: true, message: '请选择调查时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <QuestionFields key={f.key} name={f.name} onRemove={() => remove(f.name)} />
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                disabled={fields.length >= 50}
                onClick={() =>
                  add({ id: `q${Date.now().toString(36)}`, type: 'single', title: '', required: true, options: '' })
                }
              >
                添加题目
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

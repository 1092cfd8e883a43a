// The editor's form: the main fields (type, title, subtitle, leader's post and résumé, summary, body,
// attachments, 修改说明) on the left, the side fields (column, source, policy and interpretation attributes,
// cover) on the right; only the fields of the item's type are shown.
import { Col, Form, Input, Radio, Row } from 'antd';
import type { ContentType } from '../../../../../src/modules/content/content-types.ts';
import { AttachmentsField } from '../FileFields';
import { TYPE_NAMES } from '../labels';
import { BodyEditor } from './BodyEditor';
import { EMPTY, hasBody, isArticleLike, valuesOf, type FormValues } from './form';
import { SideFields } from './SideFields';
import type { ContentEditor } from './useContentEditor';

export function ContentForm({ editor, siteId }: { editor: ContentEditor; siteId: number }) {
  const { form, formKey, detail, readOnly, isNew, type, options, changed, save, setUploading } = editor;
  const typeOptions = (options.data?.types ??
    Object.entries(TYPE_NAMES).map(([value, label]) => ({ value, label }))) as { value: ContentType; label: string }[];
  const nameLabel = type === 'leader' ? '姓名' : '标题';
  return (
    <Form<FormValues>
      key={formKey}
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={detail ? valuesOf(detail) : EMPTY}
      onValuesChange={changed}
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
          <SideFields editor={editor} siteId={siteId} />
        </Col>
      </Row>
    </Form>
  );
}

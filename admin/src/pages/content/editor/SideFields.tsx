// The editor's side fields: where the item is published (column, other columns, order), source and keywords,
// the attributes of a policy document or an interpretation, and the cover image or leader's photo.
import { Card, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { ImageField } from '../FileFields';
import { isArticleLike } from './form';
import { PolicyPicker } from './PolicyPicker';
import type { ContentEditor } from './useContentEditor';

export function SideFields({ editor, siteId }: { editor: ContentEditor; siteId: number }) {
  const { form, type, detail, readOnly, options, writable, columns, columnOptions, extraOptions } = editor;
  const validity = Form.useWatch('validity', form);
  return (
    <>
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
          <Form.Item label="同时发布到" name="extraColumnIds" extra="可选：同时出现在其他信息列表栏目中。">
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
          <Form.Item label="成文日期" name="writtenDate" rules={[{ required: true, message: '请选择成文日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="主题分类" name="theme" rules={[{ required: true, message: '请选择主题分类' }]}>
            <Select
              options={(options.data?.themes ?? []).map((t) => ({ value: t, label: t }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item label="有效性" name="validity" rules={[{ required: true, message: '请选择有效性' }]}>
            <Radio.Group options={(options.data?.validity ?? []).map((t) => ({ value: t, label: t }))} />
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
            <Select allowClear options={(options.data?.disclosureMethods ?? []).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item label="公开范围" name="disclosureScope">
            <Select allowClear options={(options.data?.disclosureScopes ?? []).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Card>
      )}
      {type === 'interpretation' && (
        <Card size="small" title="政策解读属性" style={{ marginBottom: 16 }}>
          <Form.Item label="解读形式" name="form" rules={[{ required: true, message: '请选择解读形式' }]}>
            <Select options={(options.data?.interpretationForms ?? []).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item
            label="解读的政策文件"
            name="policyIds"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少关联一个被解读的政策文件' }]}
            extra="输入标题搜索本站的政策文件，可选多个。"
          >
            <PolicyPicker siteId={siteId} known={detail?.related ?? []} selfId={detail?.id} disabled={readOnly} />
          </Form.Item>
        </Card>
      )}
      {(isArticleLike(type) || type === 'leader') && (
        <Card size="small" title={type === 'leader' ? '照片' : '封面图片'} style={{ marginBottom: 16 }}>
          <Form.Item name="cover" noStyle>
            <ImageField siteId={siteId} disabled={readOnly} what={type === 'leader' ? '照片' : '封面'} />
          </Form.Item>
        </Card>
      )}
    </>
  );
}

// The fields of the service card dialog: title, description, trigger keywords, direct links and 启用; with the
// server's refusal (if any) above them.
import { Alert, Button, Form, Input, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { LIMITS, WORD_SEPARATORS } from './limits';

const URL_PATTERN = /^(https?:\/\/\S+|\/(?!\/)\S*)$/i;

export function CardFormFields({ formError }: { formError: string | null }) {
  return (
    <>
      {formError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="服务卡片未保存"
          description={formError}
          data-testid="card-form-error"
        />
      )}
      <Form.Item
        label="卡片标题"
        name="title"
        rules={[{ required: true, whitespace: true, message: '请输入卡片标题' }]}
      >
        <Input maxLength={LIMITS.cardTitle} showCount placeholder="例如：社保服务" />
      </Form.Item>
      <Form.Item label="简要说明" name="description">
        <Input.TextArea
          maxLength={LIMITS.cardDescription}
          showCount
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder="例如：社会保险参保、缴费、待遇查询和办事指南。"
        />
      </Form.Item>
      <Form.Item
        label="触发关键词"
        name="keywords"
        extra="搜索词含有其中任一个词时显示本卡片；输入后按回车确认，可用顿号或逗号分隔多个。"
        rules={[
          { required: true, type: 'array', min: 1, message: '请至少填写一个关键词' },
          { type: 'array', max: LIMITS.keywords, message: `关键词最多 ${LIMITS.keywords} 个` },
          {
            validator: (_, v: string[] | undefined) =>
              (v ?? []).some((k) => k.trim().length > LIMITS.keyword)
                ? Promise.reject(new Error(`每个关键词不超过 ${LIMITS.keyword} 个字`))
                : Promise.resolve(),
          },
        ]}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={WORD_SEPARATORS}
          placeholder="例如：社保、社会保险"
          aria-label="触发关键词"
        />
      </Form.Item>
      <Form.List
        name="links"
        rules={[
          {
            validator: async (_, links: unknown[] | undefined) => {
              if (!links || links.length < 1) throw new Error('请至少添加一个直达链接');
              if (links.length > LIMITS.links) throw new Error(`直达链接最多 ${LIMITS.links} 个`);
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>
              直达链接（链接文字与地址，地址以 http://、https:// 或本站的 / 开头）
            </legend>
            {fields.map((field, i) => (
              <Space
                key={field.key}
                align="start"
                style={{ display: 'flex', width: '100%' }}
                data-testid={`card-link-${i}`}
              >
                <Form.Item
                  name={[field.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: '请输入链接文字' }]}
                  style={{ width: 180, marginBottom: 12 }}
                >
                  <Input
                    maxLength={LIMITS.linkTitle}
                    placeholder="链接文字，如：社保查询"
                    aria-label={`第 ${i + 1} 个链接的文字`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'url']}
                  rules={[
                    { required: true, whitespace: true, message: '请输入链接地址' },
                    { pattern: URL_PATTERN, message: '地址应以 http://、https:// 或 / 开头，且不含空格' },
                  ]}
                  style={{ flex: 1, minWidth: 240, marginBottom: 12 }}
                >
                  <Input
                    maxLength={LIMITS.linkUrl}
                    placeholder="https://… 或 /search?q=…"
                    aria-label={`第 ${i + 1} 个链接的地址`}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined aria-hidden />}
                  aria-label={`删除第 ${i + 1} 个链接`}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              disabled={fields.length >= LIMITS.links}
              onClick={() => add({ title: '', url: '' })}
              style={{ marginBottom: 16 }}
            >
              添加链接
            </Button>
          </fieldset>
        )}
      </Form.List>
      <Form.Item label="启用" name="enabled" valuePropName="checked" extra="停用的卡片保留设置，但搜索时不显示。">
        <Switch checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </>
  );
}

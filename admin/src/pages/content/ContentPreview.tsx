// An item as its reader will see it (for reviewers): title, attributes, cover, the body rendered read-only,
// attachments and linked documents. The body was cleaned by the server's allow-list when it was saved.
import { Link } from 'react-router-dom';
import { Descriptions, Divider, Empty, Image, List, Space, Tag, Typography } from 'antd';
import { FileOutlined } from '@ant-design/icons';
import type { ContentDetail } from '../../../../src/modules/content/content.schema.ts';
import { formatSize } from '../../format';
import { TYPE_NAMES } from './labels';

export function ContentPreview({ item, columnLabel }: { item: ContentDetail; columnLabel?: string }) {
  const f = item.fields ?? {};
  const leader = item.type === 'leader';
  const attrs: [string, string | undefined | null][] = [
    ['类型', item.typeName || TYPE_NAMES[item.type]],
    ['栏目', columnLabel ?? item.columnName],
    ['索引号', item.indexNo],
    ['文号', f.docNumber],
    ['发文机关', f.issuingOrgan],
    ['成文日期', f.writtenDate],
    ['主题分类', f.theme],
    ['有效性', f.validity ? `${f.validity}${f.validityDate ? `（${f.validityDate}）` : ''}` : undefined],
    ['公开方式', f.disclosureMethod],
    ['公开范围', f.disclosureScope],
    ['解读形式', f.form],
    ['职务', f.post],
    ['来源', item.source],
    ['作者', item.author],
    ['关键词', item.keywords],
  ];
  return (
    <article className="content-preview" data-testid="content-preview" aria-label="信息内容预览">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {item.title}
      </Typography.Title>
      {item.subtitle && <Typography.Paragraph type="secondary">{item.subtitle}</Typography.Paragraph>}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        {attrs
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>
              {v}
            </Descriptions.Item>
          ))}
      </Descriptions>
      {item.summary && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Typography.Text strong>摘要：</Typography.Text>
          {item.summary}
        </Typography.Paragraph>
      )}
      {item.cover && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{leader ? '照片' : '封面图片'}</Typography.Text>
          <div>
            <Image
              src={item.cover.url}
              alt={leader ? `${item.title}的照片` : `封面图片：${item.cover.name}`}
              width={160}
            />
          </div>
        </div>
      )}
      {leader && (
        <>
          {f.duties && (
            <>
              <Divider titlePlacement="start">分工</Divider>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.duties}</Typography.Paragraph>
            </>
          )}
          {f.resume && (
            <>
              <Divider titlePlacement="start">简历</Divider>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.resume}</Typography.Paragraph>
            </>
          )}
        </>
      )}
      {!leader && (
        <>
          <Divider titlePlacement="start">正文</Divider>
          {item.bodyHtml ? (
            <div
              className="preview-body"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the body was cleaned by the server's allow-list when it was saved
              dangerouslySetInnerHTML={{ __html: item.bodyHtml }}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="正文为空" />
          )}
        </>
      )}
      {item.attachmentFiles.length > 0 && (
        <>
          <Divider titlePlacement="start">附件</Divider>
          <List
            size="small"
            dataSource={item.attachmentFiles}
            renderItem={(a) => (
              <List.Item key={a.id}>
                <Space>
                  <FileOutlined aria-hidden />
                  <a href={a.url} target="_blank" rel="noopener noreferrer">
                    {a.name}
                  </a>
                  <Typography.Text type="secondary">{formatSize(a.size)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {item.related.length > 0 && (
        <>
          <Divider titlePlacement="start">{item.type === 'policy' ? '相关解读' : '解读的政策文件'}</Divider>
          <Space orientation="vertical">
            {item.related.map((r) => (
              <Space key={r.id}>
                <Link to={`/content/${r.id}`}>{r.title}</Link>
                <Tag>{TYPE_NAMES[r.type]}</Tag>
              </Space>
            ))}
          </Space>
        </>
      )}
    </article>
  );
}

// The preview of a draft or a version as the public page will render it: the page itself comes from the
// server (same templates, meta tags, footer) through a signed link valid for this staff member only; here it
// is shown at desktop or phone width, in normal or 长者模式. Reviewers and leaders open it from their inbox.
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Alert, Card, Segmented, Space, Switch, Typography } from 'antd';
import { api, ApiError } from '../../api';
import type { PreviewLink } from '../../../../src/modules/content/editor.schema.ts';
import { PageLoading } from '../../components/busy';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../hooks';

const WIDTHS = { desktop: 1280, phone: 375 } as const;
type Device = keyof typeof WIDTHS;

export default function PreviewPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version');
  const [link, setLink] = useState<PreviewLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [device, setDevice] = useState<Device>(params.get('device') === 'phone' ? 'phone' : 'desktop');
  const [care, setCare] = useState(false);
  usePageTitle('预览');

  useEffect(() => {
    setLink(null);
    setError(null);
    api
      .post<PreviewLink>(`/api/content/${id}/preview-link`, version ? { version: Number(version) } : {}, {
        quiet: true,
      })
      .then(setLink, (err) => setError(err instanceof ApiError ? err.message : '无法生成预览'));
  }, [id, version]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={`预览${link ? `（第 ${link.version} 版）` : ''}`}
        back={{ to: `/content/${id}`, label: '返回编辑' }}
      />
      {error && <Alert type="error" showIcon title={error} />}
      {!link && !error && <PageLoading />}
      {link && (
        <>
          <Space wrap>
            <Segmented<Device>
              aria-label="预览宽度"
              value={device}
              onChange={setDevice}
              options={[
                { value: 'desktop', label: '电脑' },
                { value: 'phone', label: '手机' },
              ]}
            />
            <Space>
              <Switch checked={care} onChange={setCare} aria-label="长者模式" id="care-switch" />
              <label htmlFor="care-switch">长者模式</label>
            </Space>
            <Typography.Text type="secondary">
              仅您本人可打开，{formatDateTime(link.expiresAt)} 前有效；预览不公开、不缓存。
            </Typography.Text>
          </Space>
          <Card size="small" styles={{ body: { padding: 0, overflow: 'auto', background: '#f0f2f5' } }}>
            <iframe
              title="网站页面预览"
              data-testid="preview-frame"
              src={`${link.url}${care ? '?care=true' : ''}`}
              style={{
                display: 'block',
                margin: '0 auto',
                width: WIDTHS[device],
                maxWidth: device === 'phone' ? WIDTHS.phone : '100%',
                height: '80vh',
                border: 0,
                background: '#fff',
              }}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

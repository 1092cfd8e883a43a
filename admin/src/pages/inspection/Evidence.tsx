// One finding with its evidence: the page, what was expected and what was seen, when (Asia/Shanghai), the
// SHA-256 of the page and a screenshot fetched through the API, opened large in a dialog.
import { useEffect, useState, type ReactNode } from 'react';
import { Modal, Space, Tag, Typography } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../format';
import { fmt, partName, SourceTag, subRuleText, toneStyle } from './common';
import type { IndicatorKind } from '../../../../src/modules/inspection/indicators.schema.ts';
import type {
  IndicatorView as CatalogueIndicator,
  Evidence,
  ReportFinding,
} from '../../../../src/modules/inspection/inspection.schema.ts';

// Screenshots are shared by many findings of one page: one request each, kept for the session.
const images = new Map<string, Promise<string>>();

function loadImage(path: string): Promise<string> {
  let p = images.get(path);
  if (!p) {
    p = fetch(path, { credentials: 'same-origin' }).then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return URL.createObjectURL(await r.blob());
    });
    p.catch(() => images.delete(path));
    images.set(path, p);
  }
  return p;
}

export function Screenshot({ path, pageUrl }: { path: string; pageUrl?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    loadImage(path).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [path]);
  const what = pageUrl ? `页面 ${pageUrl} 的截图` : '页面截图';
  if (failed) return <Typography.Text type="secondary">截图无法加载</Typography.Text>;
  return (
    <>
      <button
        type="button"
        className="insp-thumb"
        onClick={() => setOpen(true)}
        disabled={!src}
        aria-label={`查看大图：${what}`}
      >
        {src ? (
          <img src={src} alt={what} width={192} height={135} />
        ) : (
          <PictureOutlined aria-hidden style={{ fontSize: 28 }} />
        )}
      </button>
      <Modal title="证据截图" open={open} onCancel={() => setOpen(false)} footer={null} width={1080} destroyOnHidden>
        {src && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {pageUrl && (
              <Typography.Link
                href={pageUrl}
                target="_blank"
                rel="noopener noreferrer"
                style={{ wordBreak: 'break-all' }}
              >
                {pageUrl}
              </Typography.Link>
            )}
            <img src={src} alt={what} style={{ maxWidth: '100%', border: '1px solid #d9d9d9' }} />
          </Space>
        )}
      </Modal>
    </>
  );
}

// `missing` repeats 实为; `source` is shown as a tag; the rest is internal bookkeeping.
const KNOWN = new Set([
  'url',
  'expected',
  'observed',
  'at',
  'sha256',
  'screenshot',
  'screenshotKey',
  'source',
  'note',
  'inspector',
  'manualFindingId',
  'missing',
]);

/** The server's evidence is open-ended (each check adds its own keys): the text fields the console shows. */
const TEXT_KEYS = [
  'url',
  'expected',
  'observed',
  'link',
  'text',
  'note',
  'inspector',
  'at',
  'sha256',
  'screenshot',
] as const;
export type EvidenceText = Partial<Record<(typeof TEXT_KEYS)[number], string>>;

export function evidenceText(evidence: Evidence | undefined): EvidenceText {
  const out: EvidenceText = {};
  for (const key of TEXT_KEYS) {
    const value = evidence?.[key];
    if (typeof value === 'string' && value) out[key] = value;
  }
  return out;
}

/** The page a finding was seen on, as a link (nothing when the evidence names none). */
export function EvidenceLink({ evidence }: { evidence: Evidence | undefined }) {
  const { url } = evidenceText(evidence);
  if (!url) return null;
  return (
    <Typography.Link
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      style={{ fontSize: 12, wordBreak: 'break-all' }}
    >
      {url}
    </Typography.Link>
  );
}

export function EvidenceView({ evidence, message }: { evidence: Evidence; message?: string }) {
  const rows: [string, ReactNode][] = [];
  const e = evidenceText(evidence);
  if (e.url)
    rows.push([
      '页面',
      <Typography.Link
        key="url"
        href={e.url}
        target="_blank"
        rel="noopener noreferrer"
        style={{ wordBreak: 'break-all' }}
      >
        {e.url}
      </Typography.Link>,
    ]);
  if (e.expected) rows.push(['应为', e.expected]);
  // Manual findings store their description as `observed` too: shown once.
  if (e.observed && e.observed !== message) rows.push(['实为', e.observed]);
  const link = e.link;
  if (link && link !== e.url)
    rows.push([
      '链接',
      <Typography.Text key="link" style={{ wordBreak: 'break-all' }}>
        {e.text ? `${e.text}：${link}` : link}
      </Typography.Text>,
    ]);
  if (e.note) rows.push(['备注', e.note]);
  if (e.inspector) rows.push(['记录人', e.inspector]);
  if (e.at) rows.push(['时间', `${formatDateTime(e.at)}（北京时间）`]);
  if (e.sha256)
    rows.push([
      'SHA-256',
      <Typography.Text
        key="sha256"
        code
        copyable={{ text: e.sha256, tooltips: ['复制', '已复制'] }}
        style={{ wordBreak: 'break-all', fontSize: 12 }}
      >
        {e.sha256}
      </Typography.Text>,
    ]);
  const extra = Object.keys(evidence).filter((k) => !KNOWN.has(k) && k !== 'link' && k !== 'text');
  if (rows.length === 0 && !e.screenshot) return null;
  return (
    <div className="insp-evidence">
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {extra.length > 0 && (
          <div>
            <dt>其他</dt>
            <dd>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {extra
                  .map((k) => `${k}：${typeof evidence[k] === 'string' ? evidence[k] : JSON.stringify(evidence[k])}`)
                  .join('；')}
              </Typography.Text>
            </dd>
          </div>
        )}
      </dl>
      {e.screenshot && <Screenshot path={e.screenshot} pageUrl={e.url} />}
    </div>
  );
}

export function FindingView({
  finding,
  indicator,
  kind,
}: {
  finding: ReportFinding;
  indicator: CatalogueIndicator | undefined;
  kind: IndicatorKind;
}) {
  const rule = subRuleText(indicator, finding.subRule, finding.part);
  const part = partName(indicator, finding.part);
  return (
    <div className="insp-finding">
      <Space wrap size={[4, 4]} style={{ marginBottom: 4 }}>
        <SourceTag source={finding.source} />
        {part && <Tag>{part}</Tag>}
        {finding.subRule !== undefined && <Tag>细则 {finding.subRule}</Tag>}
        {finding.points !== undefined && kind !== 'veto' && (
          <Tag style={toneStyle(kind === 'bonus' ? 'ok' : 'deduct')}>
            {kind === 'bonus' ? '加' : '扣'} {fmt(finding.points)} 分
          </Tag>
        )}
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{finding.message}</Typography.Paragraph>
      {rule && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          细则{finding.subRule}：{rule}
        </Typography.Paragraph>
      )}
      {finding.evidence && <EvidenceView evidence={finding.evidence} message={finding.message} />}
    </div>
  );
}

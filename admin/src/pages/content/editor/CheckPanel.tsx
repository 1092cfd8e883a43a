// Checks while writing: the pre-publish checks (错敏词, leader posts, personal data such as 疑似身份证号, links,
// image alt text, attachments) run on the text in the form — live, once typing pauses, and on 检查 — without
// saving or submitting. Every finding is shown with its field and the excerpt around it, warnings included.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Button, Card, Space, Typography } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import type { CheckResult } from '../../../../../src/modules/prepublish/prepublish.schema.ts';
import { FindingsList } from '../../prepublish/Findings';
import { inputOf, type FormValues } from './form';
import type { ContentEditor } from './useContentEditor';

const LIVE_DELAY_MS = 1200;

export function useLiveCheck(editor: ContentEditor) {
  const { form, siteId } = editor;
  const [result, setResult] = useState<CheckResult | null>(null);
  const [running, setRunning] = useState(false);
  const timer = useRef<number | null>(null);
  const sequence = useRef(0);

  const run = useCallback(async () => {
    if (!siteId) return;
    const values = { ...(form.getFieldsValue(true) as FormValues) };
    const input = inputOf(values);
    const mine = ++sequence.current;
    setRunning(true);
    try {
      const r = await api.post<CheckResult>(
        `/api/sites/${siteId}/prepublish/check`,
        {
          title: input.title ?? '',
          subtitle: input.subtitle ?? '',
          summary: input.summary ?? '',
          bodyHtml: input.bodyHtml ?? '',
          attachments: input.attachments ?? [],
        },
        { quiet: true },
      );
      if (mine === sequence.current) setResult(r);
    } catch {
      // A failed live check leaves the last result; 检查 reports errors through the button's own run.
    } finally {
      if (mine === sequence.current) setRunning(false);
    }
  }, [form, siteId]);

  const schedule = useCallback(() => {
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void run(), LIVE_DELAY_MS);
  }, [run]);

  useEffect(() => () => void (timer.current && window.clearTimeout(timer.current)), []);
  return { result, running, run, schedule };
}

export function CheckPanel({ check }: { check: ReturnType<typeof useLiveCheck> }) {
  const { result, running, run } = check;
  const blocks = result?.counts.block ?? 0;
  const warns = result?.counts.warn ?? 0;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span id="check-panel-title">发布前检查</span>
          {result && (
            <>
              <Badge count={blocks} showZero color="#c9252c" title={`需处理 ${blocks} 项`} />
              <Badge count={warns} showZero color="#ad6800" title={`提示 ${warns} 项`} />
            </>
          )}
        </Space>
      }
      extra={
        <Button
          icon={<FileSearchOutlined aria-hidden />}
          loading={running}
          onClick={() => void run()}
          data-testid="run-check"
        >
          检查
        </Button>
      }
      data-testid="check-panel"
      aria-labelledby="check-panel-title"
    >
      <div aria-live="polite">
        {result ? (
          <FindingsList findings={result.findings} empty="未发现问题（提交审查时还会再检查一次）" />
        ) : (
          <Typography.Text type="secondary">
            输入时自动检查正文中的错敏词、领导职务、身份证号等个人信息、链接、图片说明和附件；也可点“检查”。
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

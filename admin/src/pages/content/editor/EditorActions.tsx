// The editor's actions: 保存草稿, 提交审查 (with why it is not possible), 定时发布/撤稿, 撤稿, 在网站上查看.
import { Button, Space, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, ExportOutlined, SaveOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import type { ContentEditor } from './useContentEditor';

export function EditorActions({ editor }: { editor: ContentEditor }) {
  const { readOnly, readOnlyReason, saving, save, writer, me, detail, dirty, canSubmit, openSubmit } = editor;
  const { canSchedule, canWithdraw, setDialog } = editor;
  const status = detail?.status;
  return (
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
  );
}

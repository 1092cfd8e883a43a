import { useState } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { toastError, toastSuccess } from '../feedback';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Non-secure context (plain http): fall back to a temporary selection.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    document.body.removeChild(area);
    return ok;
  }
}

/** Shows a one-time initial password (new account or reset) with a copy button. */
export function InitialPasswordModal({
  value,
  onClose,
}: {
  value: { username: string; password: string } | null;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Modal
      title="初始密码"
      open={!!value}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={close}>
          我已记下
        </Button>
      }
    >
      {value && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="初始密码只显示这一次"
            description="关闭此窗口后将无法再次查看。请通过安全渠道告知用户本人；用户首次登录时必须修改密码。"
          />
          <Typography.Text>
            用户名：<Typography.Text strong>{value.username}</Typography.Text>
          </Typography.Text>
          <Space wrap>
            <Typography.Text>初始密码：</Typography.Text>
            <Typography.Text code style={{ fontSize: 18 }} data-testid="initial-password">
              {value.password}
            </Typography.Text>
            <Button
              icon={<CopyOutlined aria-hidden />}
              onClick={async () => {
                if (await copyText(value.password)) {
                  setCopied(true);
                  toastSuccess('已复制到剪贴板');
                } else {
                  toastError('复制失败，请手动选择密码复制');
                }
              }}
            >
              {copied ? '已复制' : '复制'}
            </Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}

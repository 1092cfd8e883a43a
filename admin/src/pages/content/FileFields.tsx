// Form controls for the cover image / leader photo and the attachment list, uploading to the site's file store.
import { useRef } from 'react';
import { Button, Image, Input, List, Space, Typography } from 'antd';
import { DeleteOutlined, FileOutlined, PaperClipOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { useBusy } from '../../components/busy';
import { toastError } from '../../feedback';
import { ATTACHMENT_ACCEPT, IMAGE_ACCEPT, uploadErrorText, uploadFile } from '../../components/editor/upload';
import type { FileView } from '../../../../src/modules/files/files.schema.ts';
import { formatSize } from '../../format';

export interface AttachmentValue {
  fileId: number;
  name: string;
  url?: string;
  size?: number;
}

function FilePicker(props: {
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  busy: boolean;
  label: string;
  icon: React.ReactNode;
  onFiles: (files: File[]) => void;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={props.icon} loading={props.busy} disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={props.accept}
        multiple={props.multiple}
        tabIndex={-1}
        aria-hidden
        data-testid={props.testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) props.onFiles(files);
        }}
      />
    </>
  );
}

/** 封面图片 / 照片: one image, shown as a thumbnail. */
export function ImageField(props: {
  value?: FileView | null;
  onChange?: (v: FileView | null) => void;
  siteId: number;
  disabled?: boolean;
  what: string;
}) {
  const uploading = useBusy();
  const pick = ([file]: File[]) =>
    uploading.run(async () => props.onChange?.(await uploadFile(props.siteId, file, { imageOnly: true })), {
      onError: (err) => toastError(uploadErrorText(err, file.name)),
    });
  const v = props.value;
  return (
    <Space align="start" wrap>
      {v ? (
        <Image
          src={v.url}
          alt={`${props.what}：${v.name}`}
          width={120}
          style={{ objectFit: 'cover', border: '1px solid #f0f0f0' }}
        />
      ) : (
        <div className="image-placeholder" aria-hidden>
          <PictureOutlined />
        </div>
      )}
      <Space orientation="vertical" size={4}>
        <FilePicker
          accept={IMAGE_ACCEPT}
          busy={uploading.busy}
          disabled={props.disabled}
          label={v ? `更换${props.what}` : `上传${props.what}`}
          icon={<UploadOutlined aria-hidden />}
          onFiles={(f) => void pick(f)}
          testId="image-field-input"
        />
        {v && (
          <Button
            icon={<DeleteOutlined aria-hidden />}
            disabled={props.disabled}
            onClick={() => props.onChange?.(null)}
          >
            移除
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          PNG、JPG、GIF、WebP，不超过 50 MB
        </Typography.Text>
      </Space>
    </Space>
  );
}

/** 附件: uploaded files with an editable display name each. */
export function AttachmentsField(props: {
  value?: AttachmentValue[];
  onChange?: (v: AttachmentValue[]) => void;
  siteId: number;
  disabled?: boolean;
}) {
  const list = props.value ?? [];
  const uploading = useBusy();
  const add = async (files: File[]) => {
    const added: AttachmentValue[] = [];
    // Each file on its own: one refused file does not stop the others.
    await uploading.run(async () => {
      for (const file of files) {
        try {
          const uploaded = await uploadFile(props.siteId, file);
          added.push({ fileId: uploaded.id, name: uploaded.name, url: uploaded.url, size: uploaded.size });
        } catch (err) {
          toastError(uploadErrorText(err, file.name));
        }
      }
    });
    if (added.length) props.onChange?.([...list, ...added]);
  };
  const update = (index: number, patch: Partial<AttachmentValue>) =>
    props.onChange?.(list.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {list.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={list}
          renderItem={(a, index) => (
            <List.Item
              key={`${a.fileId}-${index}`}
              actions={[
                <Button
                  key="remove"
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`移除附件“${a.name}”`}
                  disabled={props.disabled}
                  onClick={() => props.onChange?.(list.filter((_, i) => i !== index))}
                />,
              ]}
            >
              <Space style={{ width: '100%' }} align="center">
                <FileOutlined aria-hidden />
                <Input
                  value={a.name}
                  aria-label={`附件 ${index + 1} 的显示名称`}
                  maxLength={200}
                  disabled={props.disabled}
                  onChange={(e) => update(index, { name: e.target.value })}
                  style={{ minWidth: 180 }}
                />
                {a.url && (
                  <a href={a.url} target="_blank" rel="noopener noreferrer">
                    查看<span className="sr-only">附件“{a.name}”（在新窗口打开）</span>
                  </a>
                )}
                {a.size !== undefined && <Typography.Text type="secondary">{formatSize(a.size)}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <FilePicker
        accept={ATTACHMENT_ACCEPT}
        multiple
        busy={uploading.busy}
        disabled={props.disabled}
        label="上传附件"
        icon={<PaperClipOutlined aria-hidden />}
        onFiles={(f) => void add(f)}
        testId="attachments-input"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        可上传 PDF、Word/WPS、Excel、PPT、OFD、ZIP、图片、音视频，单个文件不超过 50 MB；显示名称即网站上附件链接的文字。
      </Typography.Text>
    </Space>
  );
}

// 正文: the rich-text editor as a form control. TipTap is the heaviest part of the console: loaded with the
// editor page only.
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';

const RichTextEditor = lazy(() => import('../../../components/editor/RichTextEditor'));

/** The lazy editor as a form control (Form.Item passes value/onChange). */
export function BodyEditor(props: {
  value?: string;
  onChange?: (v: string) => void;
  siteId: number;
  readOnly: boolean;
  onUploadingChange: (n: number) => void;
}) {
  return (
    <Suspense fallback={<Spin description="正在加载编辑器…" />}>
      <RichTextEditor
        value={props.value}
        onChange={props.onChange}
        siteId={props.siteId}
        readOnly={props.readOnly}
        labelledBy="body-label"
        onUploadingChange={props.onUploadingChange}
      />
    </Suspense>
  );
}

// The body editor: TipTap (StarterKit + Table + Image) with a Chinese toolbar. Works as an antd form control
// (value/onChange with HTML). Pasting from Word/WPS keeps the structure and drops the styling (paste.ts);
// pasted data: images and pasted/dropped image files are uploaded to the site's file store, because the
// server drops data: URIs. Every inserted image must have alt text (替代文字) for accessibility.
import { useCallback, useEffect, useRef, useState } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { Button, Divider, Space, Spin, Tooltip, Typography } from 'antd';
import {
  BoldOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  TableOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { toastError } from '../../feedback';
import { modal } from '../../feedback';
import { cleanPastedHtml, dataUriToFile, safeHref } from './paste';
import { usePrompt } from './PromptDialog';
import { IMAGE_ACCEPT, uploadErrorText, uploadFile } from './upload';
import './editor.css';

export interface RichTextEditorProps {
  value?: string;
  onChange?: (html: string) => void;
  siteId: number;
  readOnly?: boolean;
  /** id of the element that labels the editor (the form label). */
  labelledBy?: string;
  /** Number of uploads still running (saving should wait for 0). */
  onUploadingChange?: (count: number) => void;
  'data-testid'?: string;
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The editor's HTML without the empty paragraphs TipTap keeps at the end (the server drops them too). */
function htmlOf(editor: Editor): string {
  return editor.isEmpty ? '' : editor.getHTML().replace(/(<p><\/p>)+$/, '');
}

function warn(text: string): void {
  modal().warning({ title: '部分图片未能保留', content: text, okText: '知道了' });
}

export default function RichTextEditor(props: RichTextEditorProps) {
  const { value, onChange, siteId, readOnly = false, labelledBy, onUploadingChange } = props;
  const [prompt, ask] = usePrompt();
  const [uploading, setUploading] = useState(0);
  // `emitted`: the body as last reported (or as the editor first rendered it); `synced`: the last value pushed
  // in from outside. Normalisation alone (TipTap's trailing paragraph) is not a change.
  const emitted = useRef<string>('');
  const synced = useRef<string | undefined>(value);
  const ready = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const siteRef = useRef(siteId);
  siteRef.current = siteId;
  const pending = useRef(new Set<string>());
  const fileInput = useRef<HTMLInputElement>(null);
  const editorRef = useRef<Editor | null>(null);

  useEffect(() => onUploadingChange?.(uploading), [uploading, onUploadingChange]);

  const track = useCallback(async <T,>(job: Promise<T>): Promise<T> => {
    setUploading((n) => n + 1);
    try {
      return await job;
    } finally {
      setUploading((n) => n - 1);
    }
  }, []);

  /** Replaces (or, with null, removes) every image whose src is `src`, outside the undo history. */
  const replaceImage = useCallback((src: string, next: string | null) => {
    const editor = editorRef.current;
    if (!editor || editor.isDestroyed) return;
    const { state } = editor;
    const found: { pos: number; size: number; attrs: Record<string, unknown> }[] = [];
    state.doc.descendants((node, pos) => {
      if (node.type.name === 'image' && node.attrs.src === src)
        found.push({ pos, size: node.nodeSize, attrs: node.attrs });
    });
    if (!found.length) return;
    let tr = state.tr;
    for (const f of found.reverse()) {
      tr = next ? tr.setNodeMarkup(f.pos, undefined, { ...f.attrs, src: next }) : tr.delete(f.pos, f.pos + f.size);
    }
    tr.setMeta('addToHistory', false);
    editor.view.dispatch(tr);
  }, []);

  /** Uploads data: images that a paste brought in and points them at the stored file. */
  const uploadDataImages = useCallback(
    (editor: Editor) => {
      const sources = new Set<string>();
      editor.state.doc.descendants((node) => {
        const src = String(node.attrs.src ?? '');
        if (node.type.name === 'image' && src.startsWith('data:') && !pending.current.has(src)) sources.add(src);
      });
      let n = 0;
      for (const src of sources) {
        pending.current.add(src);
        n += 1;
        const file = dataUriToFile(src, `粘贴图片-${Date.now()}-${n}`);
        const job =
          file && IMAGE_TYPES.includes(file.type)
            ? uploadFile(siteRef.current, file, { imageOnly: true })
            : Promise.reject(new Error('unsupported'));
        void track(job)
          .then(
            (uploaded) => replaceImage(src, uploaded.url),
            (err: unknown) => {
              replaceImage(src, null);
              warn(
                `粘贴内容中有图片未能上传，已从正文中移除（${err instanceof Error && err.message !== 'unsupported' ? uploadErrorText(err, '粘贴的图片') : '图片格式不受支持'}）。请用“插入图片”重新上传。`,
              );
            },
          )
          .finally(() => pending.current.delete(src));
      }
    },
    [replaceImage, track],
  );

  /** Asks for alt text, uploads, inserts. Returns false when cancelled or refused. */
  const insertImageFile = useCallback(
    async (file: File): Promise<boolean> => {
      const editor = editorRef.current;
      if (!editor) return false;
      if (!IMAGE_TYPES.includes(file.type)) {
        toastError(`“${file.name}”不是支持的图片格式（PNG、JPG、GIF、WebP）`);
        return false;
      }
      const preview = URL.createObjectURL(file);
      const answer = await ask({
        title: '插入图片',
        okText: '上传并插入',
        extra: (
          <div style={{ textAlign: 'center', marginBottom: 12 }}>
            <img src={preview} alt="" style={{ maxWidth: '100%', maxHeight: 200 }} />
          </div>
        ),
        fields: [
          {
            name: 'alt',
            label: '图片替代文字（必填）',
            required: '请填写替代文字，说明图片内容，供读屏软件朗读',
            help: '简要说明图片内容，如“市政务办召开工作推进会现场”。',
          },
        ],
      });
      URL.revokeObjectURL(preview);
      if (!answer) return false;
      try {
        const uploaded = await track(uploadFile(siteRef.current, file, { imageOnly: true }));
        editor.chain().focus().setImage({ src: uploaded.url, alt: answer.alt.trim(), title: answer.alt.trim() }).run();
        return true;
      } catch (err) {
        toastError(uploadErrorText(err, file.name));
        return false;
      }
    },
    [ask, track],
  );

  const imageFilesOf = (list: FileList | null | undefined) =>
    Array.from(list ?? []).filter((f) => f.type.startsWith('image/'));

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          isAllowedUri: (url) => safeHref(url) !== null,
          HTMLAttributes: { target: null, rel: null, class: null },
        },
      }),
      Image.configure({ allowBase64: true, inline: false }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: value ?? '',
    editable: !readOnly,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'rte-content',
        role: 'textbox',
        'aria-multiline': 'true',
        ...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': '正文' }),
      },
      transformPastedHTML: (html) =>
        cleanPastedHtml(html, (r) => {
          if (r.droppedImages) {
            setTimeout(
              () =>
                warn(
                  `粘贴的内容中有 ${r.droppedImages} 张图片只保存在您的电脑上（Word/WPS 的本地图片），无法随文字粘贴。请使用工具栏的“插入图片”逐张上传。`,
                ),
              0,
            );
          }
        }),
      handlePaste: (_view, event) => {
        const files = imageFilesOf(event.clipboardData?.files);
        if (!files.length || event.clipboardData?.getData('text/html')) return false;
        event.preventDefault();
        void (async () => {
          for (const f of files) await insertImageFile(f);
        })();
        return true;
      },
      handleDrop: (_view, event) => {
        const files = imageFilesOf((event as DragEvent).dataTransfer?.files);
        if (!files.length) return false;
        event.preventDefault();
        void (async () => {
          for (const f of files) await insertImageFile(f);
        })();
        return true;
      },
    },
    onCreate: ({ editor: e }) => {
      ready.current = true;
      emitted.current = htmlOf(e);
      uploadDataImages(e);
    },
    onUpdate: ({ editor: e }) => {
      uploadDataImages(e);
      const html = htmlOf(e);
      // Updates before onCreate are TipTap normalising the loaded content, not edits.
      if (!ready.current) {
        emitted.current = html;
        return;
      }
      if (html === emitted.current) return;
      emitted.current = html;
      synced.current = html;
      onChangeRef.current?.(html);
    },
  });
  editorRef.current = editor;

  // Outside changes (restoring a version) replace the content; our own edits coming back do not.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const next = value ?? '';
    if (next === (synced.current ?? '') || next === emitted.current) return;
    synced.current = next;
    editor.commands.setContent(next, { emitUpdate: false });
    emitted.current = htmlOf(editor);
    uploadDataImages(editor);
  }, [value, editor, uploadDataImages]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            h2: e.isActive('heading', { level: 2 }),
            h3: e.isActive('heading', { level: 3 }),
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            ordered: e.isActive('orderedList'),
            bullet: e.isActive('bulletList'),
            table: e.isActive('table'),
            link: e.isActive('link'),
            image: e.isActive('image'),
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });

  const editLink = async () => {
    if (!editor) return;
    const existing = editor.getAttributes('link').href as string | undefined;
    const empty = editor.state.selection.empty && !existing;
    const answer = await ask({
      title: existing ? '修改链接' : '插入链接',
      fields: [
        {
          name: 'href',
          label: '链接地址',
          initial: existing ?? '',
          required: '请输入链接地址',
          placeholder: 'https://www.gov.cn/ 或本站路径 /gzdt/bmdt/',
          help: '支持 http://、https://、mailto:、tel: 和以 / 开头的本站路径。',
          validate: (v) =>
            safeHref(v) ? null : '链接地址无效：只能使用 http://、https://、mailto:、tel: 或以 / 开头的本站路径',
        },
        ...(empty ? [{ name: 'text', label: '链接文字', required: '请输入链接文字' }] : []),
      ],
    });
    if (!answer) {
      editor.commands.focus();
      return;
    }
    const href = safeHref(answer.href)!;
    if (empty) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: answer.text.trim(), marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
  };

  const editAlt = async () => {
    if (!editor) return;
    const current = (editor.getAttributes('image').alt as string | undefined) ?? '';
    const answer = await ask({
      title: '图片替代文字',
      fields: [{ name: 'alt', label: '替代文字（必填）', initial: current, required: '请填写替代文字，说明图片内容' }],
    });
    if (answer)
      editor.chain().focus().updateAttributes('image', { alt: answer.alt.trim(), title: answer.alt.trim() }).run();
  };

  if (!editor) return <Spin />;

  const btn = (
    label: string,
    icon: React.ReactNode,
    run: () => void,
    opts: { active?: boolean; disabled?: boolean; text?: boolean } = {},
  ) => (
    <Tooltip title={label} key={label}>
      <Button
        size="small"
        type={opts.active ? 'primary' : 'text'}
        icon={icon}
        aria-label={label}
        aria-pressed={opts.active === undefined ? undefined : opts.active}
        disabled={opts.disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      >
        {opts.text ? label : undefined}
      </Button>
    </Tooltip>
  );
  const chain = () => editor.chain().focus();

  return (
    <div className={`rte${readOnly ? ' rte-readonly' : ''}`} data-testid={props['data-testid'] ?? 'rich-text-editor'}>
      {!readOnly && state && (
        <div className="rte-toolbar" role="toolbar" aria-label="正文格式">
          <Space size={2} wrap>
            {btn('标题2', <span className="rte-h">H2</span>, () => chain().toggleHeading({ level: 2 }).run(), {
              active: state.h2,
            })}
            {btn('标题3', <span className="rte-h">H3</span>, () => chain().toggleHeading({ level: 3 }).run(), {
              active: state.h3,
            })}
            <Divider orientation="vertical" />
            {btn('加粗', <BoldOutlined aria-hidden />, () => chain().toggleBold().run(), { active: state.bold })}
            {btn('斜体', <ItalicOutlined aria-hidden />, () => chain().toggleItalic().run(), { active: state.italic })}
            <Divider orientation="vertical" />
            {btn('有序列表', <OrderedListOutlined aria-hidden />, () => chain().toggleOrderedList().run(), {
              active: state.ordered,
            })}
            {btn('无序列表', <UnorderedListOutlined aria-hidden />, () => chain().toggleBulletList().run(), {
              active: state.bullet,
            })}
            <Divider orientation="vertical" />
            {btn(
              '插入表格',
              <TableOutlined aria-hidden />,
              () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
              { disabled: state.table },
            )}
            {btn('插入行', null, () => chain().addRowAfter().run(), { disabled: !state.table, text: true })}
            {btn('删除行', null, () => chain().deleteRow().run(), { disabled: !state.table, text: true })}
            {btn('插入列', null, () => chain().addColumnAfter().run(), { disabled: !state.table, text: true })}
            {btn('删除列', null, () => chain().deleteColumn().run(), { disabled: !state.table, text: true })}
            {btn('删除表格', null, () => chain().deleteTable().run(), { disabled: !state.table, text: true })}
            <Divider orientation="vertical" />
            {btn('插入图片', <PictureOutlined aria-hidden />, () => fileInput.current?.click())}
            {btn('图片替代文字', null, () => void editAlt(), { disabled: !state.image, text: true })}
            {btn(state.link ? '修改链接' : '链接', <LinkOutlined aria-hidden />, () => void editLink(), {
              active: state.link,
            })}
            {btn(
              '取消链接',
              <DisconnectOutlined aria-hidden />,
              () => chain().extendMarkRange('link').unsetLink().run(),
              { disabled: !state.link },
            )}
            <Divider orientation="vertical" />
            {btn('撤销', <UndoOutlined aria-hidden />, () => chain().undo().run(), { disabled: !state.canUndo })}
            {btn('重做', <RedoOutlined aria-hidden />, () => chain().redo().run(), { disabled: !state.canRedo })}
          </Space>
          <input
            ref={fileInput}
            type="file"
            accept={IMAGE_ACCEPT}
            style={{ display: 'none' }}
            aria-hidden
            tabIndex={-1}
            data-testid="rte-image-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void insertImageFile(file);
            }}
          />
        </div>
      )}
      <EditorContent editor={editor} />
      {uploading > 0 && (
        <Typography.Text type="secondary" role="status" className="rte-status">
          <Spin size="small" /> 正在上传 {uploading} 张图片…
        </Typography.Text>
      )}
      {prompt}
    </div>
  );
}

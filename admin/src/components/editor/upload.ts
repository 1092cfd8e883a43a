// Uploading images and attachments: POST /api/sites/:siteId/files (multipart field `file`). The server decides
// the type from the bytes; refusals come back as UNSUPPORTED_FILE (415) or PAYLOAD_TOO_LARGE (413).
import { api, ApiError } from '../../api';

export interface UploadedFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
  image: boolean;
}

/** The server's limit (platform/files/upload-policy.ts). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp';
export const ATTACHMENT_ACCEPT =
  '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.dps,.ofd,.zip,.png,.jpg,.jpeg,.gif,.webp,.mp4,.mp3';

/** Chinese explanation of an upload failure, naming the file. */
export function uploadErrorText(err: unknown, name: string): string {
  if (err instanceof ApiError) {
    if (err.code === 'PAYLOAD_TOO_LARGE') return `“${name}”超过 50 MB 上限，不能上传。请压缩后再试。`;
    if (err.code === 'UNSUPPORTED_FILE') {
      // The server names the reason (content not matching the extension, a type not allowed …).
      if (err.message && err.message !== '不支持的文件类型')
        return `“${name}”不能上传：${err.message.replace(/[。.]$/, '')}。`;
      return `“${name}”不能上传，不支持的文件类型。可上传图片（PNG、JPG、GIF、WebP）、PDF、Office/WPS 文档、OFD、ZIP、MP4、MP3。`;
    }
    return `“${name}”上传失败：${err.message}`;
  }
  return `“${name}”上传失败，请稍后再试`;
}

export async function uploadFile(
  siteId: number,
  file: File,
  options: { imageOnly?: boolean } = {},
): Promise<UploadedFile> {
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', '上传的内容过大', 413);
  const form = new FormData();
  form.append('file', file, file.name);
  const uploaded = await api.upload<UploadedFile>(`/api/sites/${siteId}/files`, form);
  if (options.imageOnly && !uploaded.mime.startsWith('image/'))
    throw new ApiError('UNSUPPORTED_FILE', '请选择图片文件', 415);
  return { ...uploaded, image: uploaded.image ?? uploaded.mime.startsWith('image/') };
}

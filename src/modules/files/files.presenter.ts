// Stored file rows → their public address and the API's FileView.
import type { StoredFile } from '../../platform/db/schema.ts';
import type { FileView } from './files.schema.ts';

/** Stable public address of a file: id plus its (URL-encoded) name. */
export const fileUrl = (f: Pick<StoredFile, 'id' | 'original_name'>) =>
  `/files/${f.id}/${encodeURIComponent(f.original_name)}`;

export const toFileView = (f: StoredFile): FileView => ({
  id: f.id,
  name: f.original_name,
  mime: f.mime,
  size: f.size,
  url: fileUrl(f),
  image: f.mime.startsWith('image/'),
});

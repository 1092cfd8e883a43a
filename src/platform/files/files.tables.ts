/** A stored file's content (PostgreSQL installations), split into chunks. */
export interface FileBlobsTable {
  sha256: string;
  size: number;
  chunk_count: number;
  created_at: string;
}

export interface FileChunksTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

declare module '../db/schema.ts' {
  interface Database {
    file_blobs: FileBlobsTable;
    file_chunks: FileChunksTable;
  }
}

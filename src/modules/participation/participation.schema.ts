// Schemas shared by the participation modules' routes.
import { Type } from '@fastify/type-provider-typebox';

export const SiteQuery = Type.Object({ siteId: Type.Integer({ minimum: 1 }) });

/** A file download (XLSX, PDF): the bytes are sent as they are, described as binary in the API docs. */
export const Binary = Type.Unsafe<Buffer>(Type.String({ format: 'binary', description: '文件' }));

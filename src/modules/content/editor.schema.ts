// The editor's helpers on the wire: the autosave slot, the live pre-publish check of the text being written and
// the signed preview link.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../../platform/schemas.ts';
import { AttachmentRef, BODY_MAX_CHARS } from './content.schema.ts';

/** The form as the editor left it: JSON the console reads back, at most the body's size plus the other fields. */
export const AUTOSAVE_MAX_CHARS = BODY_MAX_CHARS + 200_000;

export const AutosaveBody = Type.Object(
  {
    baseVersion: Nullable(Type.Integer({ minimum: 1 }), { description: '编辑所基于的版本（新建时为空）' }),
    title: Type.String({ maxLength: 200 }),
    payload: Type.String({ minLength: 2, maxLength: AUTOSAVE_MAX_CHARS, description: '编辑器表单（JSON）' }),
  },
  { additionalProperties: false },
);
export type AutosaveBody = Static<typeof AutosaveBody>;

export const AutosaveView = Type.Object({
  siteId: Type.Integer(),
  contentId: Nullable(Type.Integer()),
  baseVersion: Nullable(Type.Integer()),
  /** The item's version now: when it is newer than baseVersion, someone saved meanwhile. */
  currentVersion: Nullable(Type.Integer()),
  title: Type.String(),
  payload: Type.String(),
  /** ISO UTC. */
  savedAt: Type.String(),
});
export type AutosaveView = Static<typeof AutosaveView>;

export const AutosaveSlot = Type.Object({ autosave: Nullable(AutosaveView) });
export type AutosaveSlot = Static<typeof AutosaveSlot>;

export const AutosaveSaved = Type.Object({ savedAt: Type.String() });
export type AutosaveSaved = Static<typeof AutosaveSaved>;

/** The text being written, as the form holds it (required fields may still be missing). */
export const CheckDraft = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    subtitle: Type.Optional(Type.String({ maxLength: 200 })),
    summary: Type.Optional(Type.String({ maxLength: 1000 })),
    bodyHtml: Type.Optional(Type.String({ maxLength: BODY_MAX_CHARS })),
    attachments: Type.Optional(Type.Array(AttachmentRef, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CheckDraft = Static<typeof CheckDraft>;

export const PreviewLinkBody = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: '预览的版本；不填为当前工作稿' })) },
  { additionalProperties: false },
);
export type PreviewLinkBody = Static<typeof PreviewLinkBody>;

export const PreviewLink = Type.Object({
  /** Opens the rendered page; works only with the session of the staff member it was made for. */
  url: Type.String(),
  version: Type.Integer(),
  expiresAt: Type.String(),
});
export type PreviewLink = Static<typeof PreviewLink>;

export const PreviewParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 400 }) });
export const PreviewQuery = Type.Object({ care: Type.Optional(Type.Boolean()) });

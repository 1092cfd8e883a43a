// A message's attachments are never public: the citizen who sent them and the staff handling the message may
// download them, as attachments (never rendered inline), with no caching.
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Message } from './interaction.tables.ts';
import { AppError } from '../../platform/errors.ts';
import { attachmentsOf } from './interaction.presenter.ts';

export async function sendAttachment(ctx: AppContext, reply: FastifyReply, m: Message, fileId: number) {
  if (!attachmentsOf(m).some((a) => a.fileId === fileId)) throw new AppError('MESSAGE_ATTACHMENT_NOT_FOUND');
  const file = await ctx.files.get(fileId);
  return reply
    .header('content-type', file.mime)
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
    .send(await ctx.files.read(file));
}

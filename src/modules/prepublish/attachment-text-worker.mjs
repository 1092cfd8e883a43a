// The extraction worker of attachment-text.ts: reads one file at a time, off the main thread, so that the
// time limit can end it (terminate) and its heap has a ceiling of its own. It registers tsx itself (it is
// started without the parent's execArgv), so it works under `node --import tsx` and under bin/govportal.js.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { extractAttachmentText } = await import('./attachment-text.ts');

parentPort.on('message', async ({ bytes, file, limits }) => {
  // extractAttachmentText never throws: every failure is a result with a reason.
  parentPort.postMessage({ result: await extractAttachmentText(bytes, file, limits) });
});
parentPort.postMessage({ ready: true });

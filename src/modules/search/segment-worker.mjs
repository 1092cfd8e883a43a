// Segments texts off the main thread during a rebuild of the search index (plain JavaScript, so it needs no
// TypeScript loader). Same dictionary and mode as text.ts: jieba's dictionary plus the extra words passed in,
// search mode with HMM. The main thread cleans the tokens (text.ts cleanTokens), as for any other text.
import { parentPort, workerData } from 'node:worker_threads';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(workerData.words.map((w) => `${w} 20000 n`).join('\n')));

parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, tokens: texts.map((t) => (t ? jieba.cutForSearch(t, true) : [])) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});

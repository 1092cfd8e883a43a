// The W3C validator (vnu-jar, run with Debian's Java) over pages the browser tests collected: one run for many.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const VNU_JAR = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

/** The validator's errors over named HTML documents, each labelled with its name and line. */
export function vnuErrors(files: Map<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-vnu-'));
  try {
    const names = [...files.keys()].map((name, i) => {
      const file = path.join(dir, `${i}.html`);
      fs.writeFileSync(file, files.get(name)!);
      return { name, file };
    });
    const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...names.map((n) => n.file)], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = JSON.parse(run.stderr || '{"messages":[]}') as {
      messages: { type: string; url?: string; message: string; lastLine?: number; extract?: string }[];
    };
    const label = (url = '') => names.find((n) => url.endsWith(`/${path.basename(n.file)}`))?.name ?? url;
    return report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => `${label(m.url)}:${m.lastLine ?? '?'} ${m.message} ${(m.extract ?? '').trim()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

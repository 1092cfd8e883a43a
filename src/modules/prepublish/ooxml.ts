// Plain text of Office Open XML files (.docx, .xlsx, .pptx) for the pre-publish checks. The package is read
// part by part through zip-xml.ts (yauzl + saxes, within a byte budget); this file knows which parts hold the
// text and which elements in them are text: it takes the text elements and ignores the rest (formatting,
// revisions' deleted text, field codes, the duplicate fallback copies of text boxes).
import { ExtractError, TextOut, TimeUp, ZipArchive, tooLong, type TextPart, type XmlHandler } from './zip-xml.ts';

export { ExtractError, TextOut, TimeUp, ZipArchive, tooLong, type TextPart };

// Elements whose subtree has no text to show: formatting (which also holds tab stops), the VML fallback copy
// of text boxes (the DrawingML choice is read), field instructions, deleted text, phonetic guides.
const SKIP = new Set(['Fallback', 'pPr', 'rPr', 'tabs', 'instrText', 'delText', 'rPh', 'sectPr']);

/** Counts elements and checks the clock every few thousand, so a huge part still stops at the deadline. */
function ticker(out: TextOut): () => void {
  let n = 0;
  return () => {
    if (++n % 4096 === 0) out.checkTime();
  };
}

/**
 * A handler that hides the subtrees of SKIP elements from `inner`: while inside one, nothing reaches it.
 * Self-closing elements open and close at once, so the depth stays right.
 */
function skipping(inner: XmlHandler, out: TextOut): XmlHandler {
  let skip = 0;
  const tick = ticker(out);
  return {
    open(name, attrs, selfClosing) {
      tick();
      if (skip > 0 || SKIP.has(name)) skip++;
      else inner.open?.(name, attrs, selfClosing);
    },
    close(name) {
      if (skip > 0) skip--;
      else inner.close?.(name);
    },
    text(text) {
      if (skip === 0) inner.text?.(text);
    },
  };
}

/** The text of a WordprocessingML / DrawingML part: `t` elements, a line per paragraph, tabs and breaks. */
export function textHandler(out: TextOut): XmlHandler {
  let inText = 0;
  return skipping(
    {
      open(name, _attrs, selfClosing) {
        if (name === 't' && !selfClosing) inText++;
        // DrawingML's line break carries its run properties (<a:br><a:rPr/></a:br>); Word's is empty.
        else if (name === 'br' || (name === 'cr' && selfClosing)) out.add('\n');
        else if (name === 'tab' && selfClosing) out.add('\t');
        else if (name === 'noBreakHyphen' && selfClosing) out.add('-');
      },
      close(name) {
        if (name === 't') inText = Math.max(0, inText - 1);
        else if (name === 'p') out.newline();
      },
      text(text) {
        if (inText > 0) out.add(text);
      },
    },
    out,
  );
}

/** Reads a part's text into `out`; nothing when there is no such part. */
async function partText(zip: ZipArchive, part: string, out: TextOut): Promise<void> {
  await zip.xml(part, out, textHandler(out));
}

// ───────────────────────────── packages ─────────────────────────────

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Resolves a relationship target against the part it belongs to. */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = from.split('/').slice(0, -1);
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '.' && s !== '') segments.push(s);
  }
  return segments.join('/');
}

/** The relationship id attribute (`r:id`, whatever its prefix), not the plain `id`. */
function relationshipId(attrs: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(attrs)) if (k.endsWith(':id')) return v;
  return undefined;
}

async function relationships(zip: ZipArchive, part: string, out: TextOut): Promise<Relationship[]> {
  const slash = part.lastIndexOf('/');
  const rels: Relationship[] = [];
  await zip.xml(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`, out, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External') return;
      const { Id: id, Type: type, Target: target } = a;
      if (!id || !type || !target) return;
      let decoded = target;
      try {
        decoded = decodeURI(target);
      } catch {
        // a malformed escape: use the target as written
      }
      rels.push({ id, type, target: resolvePart(part, decoded) });
    },
  });
  return rels;
}

const ofType = (rels: Relationship[], suffix: string) => rels.filter((r) => r.type.endsWith(`/${suffix}`));

export type OoxmlFormat = 'docx' | 'xlsx' | 'pptx';

/** Which kind of Office document a ZIP holds (by its main part), or null when it is none of them. */
export async function ooxmlFormat(
  zip: ZipArchive,
  out: TextOut,
): Promise<{ format: OoxmlFormat; main: string } | null> {
  const main = ofType(await relationships(zip, '', out), 'officeDocument')[0]?.target;
  const candidates: [OoxmlFormat, string][] = [
    ['docx', 'word/document.xml'],
    ['xlsx', 'xl/workbook.xml'],
    ['pptx', 'ppt/presentation.xml'],
  ];
  for (const [format, fallback] of candidates) {
    const folder = fallback.split('/')[0];
    if (main?.toLowerCase().startsWith(`${folder}/`) && zip.has(main)) return { format, main };
  }
  for (const [format, fallback] of candidates) if (zip.has(fallback)) return { format, main: fallback };
  return null;
}

/** A .docx: the body, then headers, footers, footnotes, endnotes and comments (each a labelled part). */
export async function docxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  const rels = await relationships(zip, main, out);
  await partText(zip, main, out);
  const extra: [string, string][] = [
    ['header', '页眉'],
    ['footer', '页脚'],
    ['footnotes', '脚注'],
    ['endnotes', '尾注'],
    ['comments', '批注'],
  ];
  for (const [type, label] of extra) {
    for (const rel of ofType(rels, type)) {
      if (out.full || !zip.has(rel.target)) continue;
      out.part(label);
      const start = out.text.length;
      await partText(zip, rel.target, out);
      // A header with no text (the usual empty one) leaves no part behind.
      if (!/\S/.test(out.text.slice(start))) out.parts.pop();
    }
  }
}

/** The parts a presentation lists, in its order: `sldId` elements naming slide relationships. */
async function slideList(zip: ZipArchive, main: string, out: TextOut): Promise<string[]> {
  const byId = new Map((await relationships(zip, main, out)).map((r) => [r.id, r]));
  const slides: string[] = [];
  await zip.xml(main, out, {
    open(name, attrs) {
      if (name !== 'sldId') return;
      const rel = byId.get(relationshipId(attrs) ?? '');
      if (rel?.type.endsWith('/slide')) slides.push(rel.target);
    },
  });
  if (slides.length > 0) return slides;
  // No slide list: the slide parts by number.
  const number = (n: string) => Number(/(\d+)\.xml$/i.exec(n)?.[1] ?? 0);
  return zip
    .names()
    .filter((n) => /^\/?ppt\/slides\/slide\d+\.xml$/i.test(n))
    .sort((a, b) => number(a) - number(b));
}

/** A .pptx: each slide in presentation order (“第 N 张幻灯片”), with its SmartArt text, then its notes. */
export async function pptxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  for (const [i, slide] of (await slideList(zip, main, out)).entries()) {
    if (out.full) return;
    out.part(`第 ${i + 1} 张幻灯片`);
    await partText(zip, slide, out);
    const slideRels = await relationships(zip, slide, out);
    for (const rel of ofType(slideRels, 'diagramData')) await partText(zip, rel.target, out);
    for (const rel of ofType(slideRels, 'notesSlide')) {
      // Notes are read apart (same budget) so a notes page that only repeats the slide number adds nothing.
      const notes = new TextOut(out.maxTextLength, out.unzipLeft, out.deadline);
      const found = await zip.xml(rel.target, notes, textHandler(notes));
      out.unzipLeft = notes.unzipLeft;
      for (const reason of notes.partial) if (!reason.startsWith('文字超过')) out.note(reason);
      const text = notes.text.replace(/^\s*\d*\s*$/gm, '').trim();
      if (!found || !text) continue;
      out.part(`第 ${i + 1} 张幻灯片的备注`);
      out.add(text);
    }
  }
}

/** The workbook's shared strings: each `si`'s text runs, formatting and phonetic guides left out. */
async function sharedStrings(zip: ZipArchive, part: string, out: TextOut): Promise<string[]> {
  const shared: string[] = [];
  let current: string | null = null;
  let inText = 0;
  await zip.xml(
    part,
    out,
    skipping(
      {
        open(name, _attrs, selfClosing) {
          if (name === 'si') current = '';
          else if (name === 't' && !selfClosing) inText++;
        },
        close(name) {
          if (name === 'si') {
            shared.push(current ?? '');
            current = null;
          } else if (name === 't') inText = Math.max(0, inText - 1);
        },
        text(text) {
          if (inText > 0 && current !== null) current += text;
        },
      },
      out,
    ),
  );
  return shared;
}

/** A .xlsx: each worksheet (“工作表“名称””) with its name on the first line, a line per row, cells by tabs. */
export async function xlsxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  const rels = await relationships(zip, main, out);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const shared: string[] = [];
  for (const rel of ofType(rels, 'sharedStrings')) shared.push(...(await sharedStrings(zip, rel.target, out)));
  const sheets: { name: string; part: string }[] = [];
  await zip.xml(main, out, {
    open(name, attrs) {
      if (name !== 'sheet') return;
      const rel = byId.get(relationshipId(attrs) ?? '');
      if (rel?.type.endsWith('/worksheet')) sheets.push({ name: attrs.name ?? '', part: rel.target });
    },
  });
  for (const sheet of sheets) {
    if (out.full) return;
    out.part(`工作表“${sheet.name}”`);
    out.add(`${sheet.name}\n`);
    const cells = sheetHandler(shared, out);
    if (await zip.xml(sheet.part, out, cells.handler)) cells.finish();
    for (const rel of ofType(await relationships(zip, sheet.part, out), 'comments')) {
      if (out.full || !zip.has(rel.target)) continue;
      out.part(`工作表“${sheet.name}”的批注`);
      await partText(zip, rel.target, out);
    }
  }
}

/** A worksheet's rows: each cell's shown value (shared string, inline string or number), tabs between. */
function sheetHandler(shared: string[], out: TextOut): { handler: XmlHandler; finish: () => void } {
  let cells: string[] = [];
  let type = '';
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = 0;
  let inText = 0;
  const flushRow = () => {
    if (cells.length) out.add(`${cells.join('\t')}\n`);
    cells = [];
  };
  const handler = skipping(
    {
      open(name, attrs, selfClosing) {
        if (name === 'row') flushRow();
        else if (name === 'c') {
          type = attrs.t ?? 'n';
          value = '';
          inline = '';
        } else if (name === 'v') inValue = !selfClosing;
        else if (name === 'is') inInline++;
        else if (name === 't' && inInline > 0 && !selfClosing) inText++;
      },
      close(name) {
        if (name === 'row') flushRow();
        else if (name === 'c') {
          const shown =
            type === 's'
              ? (shared[Number(value)] ?? '')
              : type === 'inlineStr'
                ? inline
                : type === 'b' || type === 'e'
                  ? ''
                  : value;
          if (shown.trim()) cells.push(shown.replace(/[\t\n\r]+/g, ' '));
        } else if (name === 'v') inValue = false;
        else if (name === 'is') inInline = Math.max(0, inInline - 1);
        else if (name === 't' && inText > 0) inText--;
      },
      text(text) {
        if (inValue) value += text;
        else if (inInline > 0 && inText > 0) inline += text;
      },
    },
    out,
  );
  return { handler, finish: flushRow };
}

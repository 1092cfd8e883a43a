// PDF documents with Chinese text (the release register of 附件3, inspection reports): the embedded CJK fonts,
// a document that resolves to its bytes, and line wrapping that follows Chinese typesetting rules.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;

// The package exports no ./package.json, so locate the fonts from its main entry (dist/index.cjs).
const FONTS_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
/** Noto Sans Hans (OFL), embedded as subsets. */
export const FONT_FILES = {
  regular: path.join(FONTS_DIR, 'NotoSansHans-Regular.otf'),
  bold: path.join(FONTS_DIR, 'NotoSansHans-Bold.otf'),
};
/** The names the fonts are registered under in every document made by newPdf. */
export const FONT = 'cn';
export const FONT_BOLD = 'cn-bold';

/** A pdfkit document with the Chinese fonts registered, and the promise of its bytes once doc.end() is called. */
export function newPdf(options: PDFKit.PDFDocumentOptions): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, FONT_FILES.regular);
  doc.registerFont(FONT_BOLD, FONT_FILES.bold);
  return { doc, done };
}

/** Punctuation that must not begin a line (避头) or end one (避尾). */
const NO_LINE_START = /^[，。、；：！？）》」』”’,.;:!?)\]]/u;
const NO_LINE_END = /[（《「『“‘([]$/u;

/** Breaks text into lines no wider than `width`: CJK per character, Latin words kept whole when they fit. */
export function wrapText(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    const breakBefore = (next: string) => {
      // Closing punctuation takes the previous character to the next line; opening punctuation goes along too.
      let cut = line.length;
      if (NO_LINE_START.test(next) && cut > 1) cut -= 1;
      while (cut > 1 && NO_LINE_END.test(line.slice(0, cut))) cut -= 1;
      lines.push(line.slice(0, cut).trimEnd());
      line = line.slice(cut);
    };
    for (const token of para.match(/[A-Za-z0-9._%+\-@/:]+|\s+|./gu) ?? []) {
      if (doc.widthOfString(line + token) <= width) {
        line += token;
      } else if (/^\s+$/.test(token)) {
        if (line.trim()) breakBefore('');
      } else {
        for (const piece of doc.widthOfString(token) <= width ? [token] : Array.from(token)) {
          if (line.trim() && doc.widthOfString(line + piece) > width) breakBefore(piece);
          line += piece;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

// The page layout of the PDF report: A4 portrait, colours and tones, and a writer that places wrapped lines,
// boxes and tables one by one — starting a new page itself, so pdfkit never breaks pages on its own — and
// numbers the pages at the end.
import { FONT, FONT_BOLD, wrapText } from '../../../platform/pdf.ts';
import { type Tone, isHttpUrl } from './common.ts';

export type Doc = PDFKit.PDFDocument;

/** A4 portrait, in points. */
export const PAGE = { width: 595.28, height: 841.89, left: 42, right: 42, top: 50, bottom: 52 };
export const WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const BOTTOM = PAGE.height - PAGE.bottom;
export const PAD = 4;
export const LINE_W = 0.6;

export const COLOR = {
  link: '#0b4f9c',
  ink: '#1f2329',
  muted: '#5b6472',
  line: '#b9c0ca',
  head: '#e9eef5',
  rowHead: '#f4f6f9',
  brand: '#1d3f72',
  ok: '#17663a',
  okBg: '#e6f4ea',
  bad: '#b3261e',
  badBg: '#fdecea',
  caution: '#7a5a00',
  cautionBg: '#fff7d6',
  cautionLine: '#c99700',
};
export const TONE_COLOR: Record<Tone, string> = {
  ok: '#17663a',
  bad: '#b3261e',
  warn: '#9a4b00',
  good: '#0b5c8c',
  caution: '#7a5a00',
  muted: '#525a66',
};

export interface Style {
  size?: number;
  bold?: boolean;
  color?: string;
}

/** A table cell: text with its own style. */
export interface Cell extends Style {
  text: string;
  /** An http(s) URL the text links to. */
  link?: string;
  align?: 'left' | 'right' | 'center';
  fill?: string;
}

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

export const lineHeight = (size: number) => size * 1.48;

export class PdfWriter {
  y = PAGE.top;
  private pageNo = 1;

  constructor(
    readonly doc: Doc,
    private readonly running: string,
  ) {}

  style(s: Style = {}): this {
    this.doc
      .font(s.bold ? FONT_BOLD : FONT)
      .fontSize(s.size ?? 9.5)
      .fillColor(s.color ?? COLOR.ink);
    return this;
  }

  /** Wrapped lines, cached: tables and blocks are measured before they are drawn. */
  private readonly wrapped = new Map<string, string[]>();

  lines(text: string, width: number, s: Style = {}): string[] {
    this.style(s);
    const key = `${s.bold ? 1 : 0}|${s.size ?? 9.5}|${width.toFixed(2)}|${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      lines = wrapText(this.doc, text, width);
      this.wrapped.set(key, lines);
    }
    return lines;
  }

  /** One line whose slot starts at y; `link` makes it a link annotation. */
  line(
    text: string,
    x: number,
    y: number,
    s: Style = {},
    align: 'left' | 'right' | 'center' = 'left',
    width = 0,
    link?: string,
  ): void {
    this.style(s);
    const size = s.size ?? 9.5;
    const dx =
      align === 'left'
        ? 0
        : align === 'right'
          ? width - this.doc.widthOfString(text)
          : (width - this.doc.widthOfString(text)) / 2;
    this.doc.text(text, x + dx, y + (lineHeight(size) - this.doc.currentLineHeight()) / 2 + 0.6, {
      lineBreak: false,
      ...(link ? { link } : {}),
    });
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', layout: 'portrait', margin: 0 });
    this.pageNo += 1;
    this.y = PAGE.top;
    // running head
    this.line(this.running, PAGE.left, PAGE.top - 30, { size: 8, color: COLOR.muted });
    this.doc
      .save()
      .lineWidth(0.4)
      .strokeColor(COLOR.line)
      .moveTo(PAGE.left, PAGE.top - 14)
      .lineTo(PAGE.width - PAGE.right, PAGE.top - 14)
      .stroke()
      .restore();
  }

  /** Room for h points, or a new page. */
  ensure(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }

  space(h: number): void {
    this.y += h;
  }

  /** A wrapped paragraph, broken across pages line by line. */
  paragraph(text: string, s: Style = {}, x = PAGE.left, width = WIDTH): void {
    const lh = lineHeight(s.size ?? 9.5);
    for (const l of this.lines(text, width, s)) {
      this.ensure(lh);
      this.line(l, x, this.y, s);
      this.y += lh;
    }
  }

  /** A heading kept with the first `keep` points of what follows. */
  heading(text: string, level: 1 | 2 | 3, outline?: PDFKit.PDFOutline, keep = 60): PDFKit.PDFOutline | undefined {
    const size = level === 1 ? 14 : level === 2 ? 11.5 : 10.5;
    const before = level === 1 ? 16 : level === 2 ? 12 : 8;
    this.ensure(before + lineHeight(size) + Math.min(keep, BOTTOM - PAGE.top - 80));
    if (this.y > PAGE.top + 1) this.y += before;
    this.line(text, PAGE.left, this.y, { size, bold: true, color: level === 1 ? COLOR.brand : COLOR.ink });
    this.y += lineHeight(size);
    if (level === 1) {
      this.doc
        .save()
        .lineWidth(1.2)
        .strokeColor(COLOR.brand)
        .moveTo(PAGE.left, this.y + 1)
        .lineTo(PAGE.width - PAGE.right, this.y + 1)
        .stroke()
        .restore();
      this.y += 6;
    } else {
      this.y += 2;
    }
    return outline?.addItem(text);
  }

  // ── tables ──

  private cellLines(cell: Cell, width: number): string[] {
    return this.lines(cell.text || '', width - 2 * PAD, cell);
  }

  rowHeight(cells: Cell[], widths: number[]): number {
    return Math.max(...cells.map((c, i) => this.cellLines(c, widths[i]).length * lineHeight(c.size ?? 9.5))) + 2 * PAD;
  }

  drawRow(cells: Cell[], widths: number[], x: number, y: number, h: number, opts: { fill?: string } = {}): void {
    let cx = x;
    cells.forEach((c, i) => {
      const fill = c.fill ?? opts.fill;
      if (fill) this.doc.save().rect(cx, y, widths[i], h).fill(fill).restore();
      const lh = lineHeight(c.size ?? 9.5);
      for (const [n, l] of this.cellLines(c, widths[i]).entries())
        this.line(l, cx + PAD, y + PAD + n * lh, c, c.align ?? 'left', widths[i] - 2 * PAD, c.link);
      cx += widths[i];
    });
    this.doc.save().lineWidth(LINE_W).strokeColor(COLOR.line);
    this.doc
      .rect(
        x,
        y,
        widths.reduce((a, b) => a + b, 0),
        h,
      )
      .stroke();
    cx = x;
    widths.slice(0, -1).forEach((w) => {
      cx += w;
      this.doc
        .moveTo(cx, y)
        .lineTo(cx, y + h)
        .stroke();
    });
    this.doc.restore();
  }

  /** A table with its header repeated on every page it spans. */
  table(
    columns: Column[],
    rows: Cell[][],
    opts: { x?: number; rowFill?: (i: number) => string | undefined } = {},
  ): void {
    const x = opts.x ?? PAGE.left;
    const widths = columns.map((c) => c.width);
    const header: Cell[] = columns.map((c) => ({
      text: c.title,
      bold: true,
      size: 9,
      align: c.align === 'right' ? 'right' : 'left',
    }));
    const headerH = this.rowHeight(header, widths);
    const drawHeader = () => {
      this.drawRow(header, widths, x, this.y, headerH, { fill: COLOR.head });
      this.y += headerH;
    };
    const firstH = rows.length ? this.rowHeight(rows[0], widths) : 0;
    this.ensure(headerH + firstH);
    drawHeader();
    rows.forEach((row, i) => {
      const cells = row.map((c, n) => ({ ...c, align: c.align ?? columns[n].align }));
      const h = this.rowHeight(cells, widths);
      if (this.y + h > BOTTOM) {
        this.newPage();
        drawHeader();
      }
      this.drawRow(cells, widths, x, this.y, h, { fill: opts.rowFill?.(i) });
      this.y += h;
    });
  }

  /** Label / value rows (the evidence of a finding). */
  kvHeight(rows: [string, string][], width: number, labelW: number): number {
    return rows.reduce(
      (s, [k, v]) =>
        s +
        this.rowHeight(
          [
            { text: k, size: 8.5, bold: true },
            { text: v, size: 8.5 },
          ],
          [labelW, width - labelW],
        ),
      0,
    );
  }

  /** Values that are http(s) URLs become links. */
  kv(rows: [string, string][], x: number, width: number, labelW: number): void {
    for (const [k, v] of rows) {
      const link = isHttpUrl(v) ? v : undefined;
      const cells: Cell[] = [
        { text: k, size: 8.5, bold: true, fill: COLOR.rowHead },
        { text: v, size: 8.5, ...(link ? { link, color: COLOR.link } : {}) },
      ];
      const h = this.rowHeight(cells, [labelW, width - labelW]);
      this.ensure(h);
      this.drawRow(cells, [labelW, width - labelW], x, this.y, h);
      this.y += h;
    }
  }

  /** A box with a coloured border around what `body` draws (on one page: measured first). */
  box(height: number, stroke: string, fill: string, body: (x: number, width: number) => void, thick = 1.2): void {
    this.ensure(height);
    const top = this.y;
    this.doc
      .save()
      .lineWidth(thick)
      .strokeColor(stroke)
      .fillColor(fill)
      .rect(PAGE.left, top, WIDTH, height)
      .fillAndStroke()
      .restore();
    this.y = top + 8;
    body(PAGE.left + 10, WIDTH - 20);
    this.y = top + height;
  }

  pageNumbers(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i += 1) {
      this.doc.switchToPage(i);
      const label = `第 ${i - start + 1} 页 共 ${count} 页`;
      this.line(label, PAGE.left, PAGE.height - PAGE.bottom + 16, { size: 8.5, color: COLOR.muted }, 'center', WIDTH);
    }
  }
}

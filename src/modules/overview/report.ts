import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Locale, T } from '../../platform/i18n/index.ts';
import { AXIS_COLOR, BAR_COLOR, BAR_TONES, GRID_COLOR, NO_DATA_COLOR, SERIES, SHADES, TEXT_COLOR, type Point, type Scene, type Shape } from './charts.ts';
import type { Period } from './params.ts';
import type { OverviewView } from './policy.ts';
import { cellText, monthName, type DataTable, type Tables } from './present.ts';
import type { MunicipalityFigures } from './queries.ts';
import { UNMET_REACH_KM } from './queries.ts';
import { mapScene, placementsScene, trendScene, unmetScene } from './views/overview.tsx';

/*
 * The Engagementbericht: the overview as a PDF a municipality can take to its council. The charts
 * are the page's scenes redrawn with PDF primitives (vector, sharp in print), each followed by its
 * table. Umlauts need a font with German glyphs: DejaVu from Debian's fonts-dejavu-core where it is
 * installed, otherwise the built-in Helvetica, whose WinAnsi encoding covers German too.
 */

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;

export interface ReportInput {
  t: T;
  locale: Locale;
  scopeName: string;
  networkName: string | null;
  period: Period;
  view: OverviewView;
  tables: Tables;
  municipalities: MunicipalityFigures[];
  selectedMunicipalityId: string | null;
  now: Date;
  /** false writes readable page contents (tests look inside). */
  compress?: boolean;
  /** Where DejaVu is looked for; tests point it elsewhere to check the fallback. */
  fontDir?: string;
}

function fonts(doc: PDFKit.PDFDocument, dir: string): { regular: string; bold: string } {
  const regular = `${dir}/DejaVuSans.ttf`;
  const bold = `${dir}/DejaVuSans-Bold.ttf`;
  if (fs.existsSync(regular) && fs.existsSync(bold)) {
    doc.registerFont('body', regular);
    doc.registerFont('body-bold', bold);
    return { regular: 'body', bold: 'body-bold' };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold' };
}

/** The report as a PDF stream; everything is drawn before the stream is handed out. */
export function reportPdf(input: ReportInput): PDFKit.PDFDocument {
  const { t, locale } = input;
  const title = `${t('overview.report.title')} – ${input.scopeName}`;
  // Loaded on first use, like exceljs: most processes never make a report.
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: input.compress ?? true,
    lang: locale === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    // Tagged PDF (PDF/UA's structure): headings, paragraphs, figures with alternative text and tables
    // with header cells in a structure tree, so screen readers read the report in order.
    tagged: true,
    info: { Title: title, Author: input.networkName ?? 'Mitmachnetz', Creator: 'Mitmachnetz', CreationDate: input.now },
  });
  const font = fonts(doc, input.fontDir ?? DEJAVU);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new ReportWriter(doc, font, t, locale, root);

  doc.font(font.bold).fontSize(22).fillColor(TEXT_COLOR).text(t('overview.report.title'), { structParent: root, structType: 'H1' });
  doc.font(font.bold).fontSize(15).text(input.scopeName, { structParent: root, structType: 'P' });
  doc.moveDown(0.2);
  doc.font(font.regular).fontSize(11).fillColor('#333333');
  doc.text(
    t('overview.report.subtitle', {
      scope: input.networkName ?? input.scopeName,
      from: monthName(input.period.from, locale),
      to: monthName(input.period.to, locale),
    }),
    { structParent: root },
  );
  doc.text(t('overview.report.made', { date: new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(input.now) }), { structParent: root });
  doc.moveDown(0.6);
  doc.fontSize(10).fillColor(TEXT_COLOR).text(input.view === 'internal' ? t('overview.view.internal') : t('overview.view.public'), { width: CONTENT_WIDTH, structParent: root });
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#333333').text(t('overview.figure.note'), { width: CONTENT_WIDTH, structParent: root });

  writer.heading(t('overview.figures.heading'));
  writer.table(input.tables.kennzahlen);

  writer.heading(t('overview.placements.heading'));
  writer.scene(placementsScene(input.tables.vermittlungen, t, locale), t('overview.chart.bars', { title: input.tables.vermittlungen.caption }));
  writer.table(input.tables.vermittlungen);

  writer.heading(t('overview.trend.heading'));
  writer.scene(trendScene(input.tables.verlauf, locale), t('overview.chart.lines', { title: input.tables.verlauf.caption }));
  writer.note(t('overview.trend.note'));
  writer.table(input.tables.verlauf);

  writer.heading(t('overview.map.heading'));
  if (input.municipalities.length) {
    const { scene, breaks } = mapScene(input.municipalities, input.selectedMunicipalityId, t, locale);
    writer.scene(scene, t('overview.map.heading'), 330);
    writer.legend(breaks);
    if (input.municipalities.some((m) => (m.outline as { approximate?: boolean } | null)?.approximate)) writer.note(t('overview.map.approximate'));
  }
  writer.table(input.tables.kommunen);

  if (input.tables.bedarf) {
    writer.heading(t('overview.unmet.heading'));
    writer.note(t('overview.unmet.definition', { km: UNMET_REACH_KM }));
    if (input.tables.bedarf.rows.length) writer.scene(unmetScene(input.tables.bedarf, t, locale), t('overview.chart.bars', { title: input.tables.bedarf.caption }));
    writer.table(input.tables.bedarf);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without lifting the margin pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(font.regular).fontSize(8).fillColor('#555555');
    const footer = `${title} · ${t('overview.report.page', { page: i + 1, pages: range.count })}`;
    // Running footers are pagination artifacts, not part of the text.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.text(footer, MARGIN, A4.height - MARGIN + 16, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  root.end();
  doc.end();
  return doc;
}

/** Collects a PDF stream into one buffer (for tests and the benchmark). */
export async function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

class ReportWriter {
  constructor(
    private doc: PDFKit.PDFDocument,
    private font: { regular: string; bold: string },
    private t: T,
    private locale: Locale,
    private root: PDFKit.PDFStructureElement,
  ) {}

  /** Draws something that is not content (rules, shading, swatches) as an artifact. */
  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  private bottom(): number {
    return A4.height - MARGIN;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom()) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensure(80);
    this.doc.moveDown(1);
    this.doc.x = MARGIN;
    this.doc.font(this.font.bold).fontSize(14).fillColor(TEXT_COLOR).text(text, { width: CONTENT_WIDTH, structParent: this.root, structType: 'H2' });
    this.doc.moveDown(0.3);
  }

  note(text: string): void {
    this.doc.x = MARGIN;
    this.doc.font(this.font.regular).fontSize(9).fillColor('#333333').text(text, { width: CONTENT_WIDTH, structParent: this.root });
    this.doc.moveDown(0.3);
  }

  /** A scene scaled to the text width (and at most `maxHeight` high), as vector drawings. */
  scene(scene: Scene, alt: string, maxHeight = 320): void {
    const scale = Math.min(CONTENT_WIDTH / scene.width, maxHeight / scene.height, 1);
    const height = scene.height * scale;
    this.ensure(height + 10);
    const top = this.doc.y;
    const doc = this.doc;
    // One figure with its alternative text; the numbers follow in the table.
    this.root.add(
      doc.struct('Figure', { alt }, () => {
        doc.save();
        doc.translate(MARGIN, top);
        doc.scale(scale);
        for (const shape of scene.shapes) this.shape(shape);
        doc.restore();
      }),
    );
    doc.x = MARGIN;
    doc.y = top + height + 8;
  }

  private path(points: Point[]): void {
    points.forEach(([x, y], i) => (i === 0 ? this.doc.moveTo(x, y) : this.doc.lineTo(x, y)));
  }

  private shape(shape: Shape): void {
    const doc = this.doc;
    switch (shape.kind) {
      case 'rect':
        doc.rect(shape.x, shape.y, shape.w, shape.h).fill(shape.series === undefined ? BAR_COLOR : (BAR_TONES[shape.series] ?? BAR_COLOR));
        return;
      case 'line':
        doc.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).lineWidth(1).strokeColor(shape.role === 'axis' ? AXIS_COLOR : GRID_COLOR).stroke();
        return;
      case 'polyline': {
        const style = SERIES[shape.series % SERIES.length] ?? SERIES[0]!;
        this.path(shape.points);
        if (style.dash.length) doc.dash(style.dash[0]!, { space: style.dash[1] ?? style.dash[0]! });
        doc.lineWidth(2.5).strokeColor(style.color).stroke();
        doc.undash();
        return;
      }
      case 'marker': {
        const style = SERIES[shape.series % SERIES.length] ?? SERIES[0]!;
        if (style.marker === 'square') doc.rect(shape.x - 3.5, shape.y - 3.5, 7, 7).fill(style.color);
        else if (style.marker === 'triangle') doc.polygon([shape.x, shape.y - 4.5], [shape.x + 4.5, shape.y + 3.5], [shape.x - 4.5, shape.y + 3.5]).fill(style.color);
        else doc.circle(shape.x, shape.y, 3.5).fill(style.color);
        return;
      }
      case 'text': {
        doc.font(shape.bold ? this.font.bold : this.font.regular).fontSize(shape.size);
        const width = doc.widthOfString(shape.text);
        const x = shape.anchor === 'middle' ? shape.x - width / 2 : shape.anchor === 'end' ? shape.x - width : shape.x;
        const y = shape.y - shape.size * 0.8;
        if (shape.halo) {
          doc.lineWidth(2.5).strokeColor('#ffffff').fillColor('#ffffff').text(shape.text, x, y, { lineBreak: false, stroke: true, fill: true });
        }
        doc.fillColor(TEXT_COLOR).text(shape.text, x, y, { lineBreak: false });
        return;
      }
      case 'area': {
        for (const ring of shape.rings) {
          this.path(ring);
          doc.closePath();
        }
        if (shape.shade < 0) doc.dash(4, { space: 3 });
        doc
          .lineWidth(shape.selected ? 3 : 1.5)
          .fillColor(shape.shade < 0 ? NO_DATA_COLOR : (SHADES[shape.shade] ?? NO_DATA_COLOR))
          .strokeColor(shape.selected ? TEXT_COLOR : '#ffffff')
          .fillAndStroke();
        doc.undash();
        return;
      }
    }
  }

  legend(breaks: number[]): void {
    const doc = this.doc;
    const fmt = (v: number) => cellText(v, { label: '', decimals: 2 }, this.t, this.locale);
    this.ensure(20 + 14 * (breaks.length + 1));
    doc.x = MARGIN;
    doc.font(this.font.bold).fontSize(9).fillColor(TEXT_COLOR).text(this.t('overview.map.legend'), { structParent: this.root });
    const entries = [
      ...breaks.map((limit, i) => ({ color: SHADES[i] ?? NO_DATA_COLOR, text: `${i === 0 ? '0' : fmt(breaks[i - 1] ?? 0)} – ${fmt(limit)}`, dashed: false })),
      { color: NO_DATA_COLOR, text: this.t('overview.map.noData'), dashed: true },
    ];
    for (const entry of entries) {
      const y = doc.y + 2;
      this.artifact(() => {
        if (entry.dashed) doc.dash(3, { space: 2 });
        doc.rect(MARGIN, y, 18, 10).lineWidth(0.75).fillColor(entry.color).strokeColor('#555555').fillAndStroke();
        doc.undash();
      });
      doc.font(this.font.regular).fontSize(9).fillColor(TEXT_COLOR).text(entry.text, MARGIN + 26, y, { lineBreak: false, structParent: this.root });
      doc.x = MARGIN;
      doc.y = y + 13;
    }
    doc.moveDown(0.4);
  }

  /** A table with a header row repeated on every page it runs over. */
  table(table: DataTable): void {
    const doc = this.doc;
    const numericWidth = 96;
    const numericCount = table.columns.filter((c, i) => i > 0 && c.numeric).length;
    const textColumns = table.columns.length - numericCount;
    const textWidth = (CONTENT_WIDTH - numericCount * numericWidth) / Math.max(1, textColumns);
    const widths = table.columns.map((c, i) => (i > 0 && c.numeric ? numericWidth : textWidth));
    const size = 9;
    const padding = 3;

    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? this.font.bold : this.font.regular).fontSize(size);
      return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 50) - 2 * padding }))) + 2 * padding;
    };
    const tableStruct = doc.struct('Table');
    // Header cells are TH (the column heads, and the first cell of each row, which names it), the rest TD.
    const drawRow = (cells: string[], options: { bold: boolean; shaded: boolean; header: boolean }) => {
      const height = rowHeight(cells, options.bold);
      if (doc.y + height > this.bottom()) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y;
      if (options.shaded) this.artifact(() => doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill('#eef0f2'));
      const row = doc.struct('TR');
      tableStruct.add(row);
      let x = MARGIN;
      cells.forEach((text, i) => {
        const column = table.columns[i];
        doc
          .font(options.bold ? this.font.bold : this.font.regular)
          .fontSize(size)
          .fillColor(TEXT_COLOR)
          .text(text, x + padding, y + padding, {
            width: (widths[i] ?? 50) - 2 * padding,
            align: i > 0 && column?.numeric ? 'right' : 'left',
            structParent: row,
            structType: options.header || i === 0 ? 'TH' : 'TD',
          });
        x += widths[i] ?? 50;
      });
      row.end();
      this.artifact(() => doc.moveTo(MARGIN, y + height).lineTo(MARGIN + CONTENT_WIDTH, y + height).lineWidth(0.5).strokeColor('#8a8f94').stroke());
      doc.x = MARGIN;
      doc.y = y + height;
    };
    const header = table.columns.map((c) => c.label);
    const drawHeader = () => drawRow(header, { bold: true, shaded: true, header: true });

    this.ensure(rowHeight(header, true) + 40);
    doc.x = MARGIN;
    this.root.add(tableStruct);
    doc.font(this.font.bold).fontSize(10).fillColor(TEXT_COLOR).text(table.caption, { width: CONTENT_WIDTH, structParent: tableStruct, structType: 'Caption' });
    doc.moveDown(0.2);
    drawHeader();
    for (const row of table.rows) {
      drawRow(
        row.map((cell, i) => cellText(cell, table.columns[i] ?? { label: '' }, this.t, this.locale)),
        { bold: false, shaded: false, header: false },
      );
    }
    if (table.footer) {
      drawRow(
        table.footer.map((cell, i) => cellText(cell, table.columns[i] ?? { label: '' }, this.t, this.locale)),
        { bold: true, shaded: false, header: false },
      );
    }
    tableStruct.end();
    doc.moveDown(0.6);
  }
}

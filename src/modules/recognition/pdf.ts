import fs from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import type { T } from '../../platform/i18n/index.ts';
import type { Card, EngagementCertificate } from './schema.ts';

/*
 * The card (wallet size, 85.6 × 54 mm) and the Engagementnachweis (A4) as tagged PDF: language, title and a
 * structure tree (headings, paragraphs, the QR code as a figure with a text alternative), so screen readers
 * and PDF/UA checkers can read them. DejaVu from Debian's fonts-dejavu-core where installed, else Helvetica.
 */

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const MM = 72 / 25.4;

function loadPdfKit(): typeof import('pdfkit') {
  // Loaded on first use: most processes never make a PDF.
  return createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
}

function fonts(doc: PDFKit.PDFDocument): { regular: string; bold: string } {
  const regular = `${DEJAVU}/DejaVuSans.ttf`;
  const bold = `${DEJAVU}/DejaVuSans-Bold.ttf`;
  if (fs.existsSync(regular) && fs.existsSync(bold)) {
    doc.registerFont('body', regular);
    doc.registerFont('body-bold', bold);
    return { regular: 'body', bold: 'body-bold' };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold' };
}

/**
 * Draws inside a structure element of the document's tree (a heading, a paragraph, a figure with its text
 * alternative); the tree's root is closed when the document ends.
 */
function tagger(doc: PDFKit.PDFDocument) {
  const root = doc.struct('Document');
  doc.addStructure(root);
  roots.set(doc, root);
  return (type: string, options: PDFKit.Mixins.StructureElementOptions, draw: () => unknown) => {
    root.add(doc.struct(type as never, options, () => void draw()));
  };
}

const roots = new WeakMap<PDFKit.PDFDocument, PDFKit.PDFStructureElement>();

async function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  roots.get(doc)?.end();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The address a phone camera opens from the QR code: the verification page with the code filled in. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/pruefen?code=${encodeURIComponent(code)}`;
}

export async function qrPng(text: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, width });
}

export async function cardPdf(card: Card, input: { t: T; publicUrl: string; formatDate: (day: string) => string; compress?: boolean }): Promise<Buffer> {
  const { t } = input;
  const PDFDocument = loadPdfKit();
  const title = `${t('recognition.card.pdfTitle')} ${card.number}`;
  const doc = new PDFDocument({
    size: [85.6 * MM, 54 * MM],
    margin: 0,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    compress: input.compress ?? true,
    info: { Title: title, Author: card.region, Creator: 'Mitmachnetz' },
  });
  const font = fonts(doc);
  const tag = tagger(doc);
  const width = 85.6 * MM;
  const height = 54 * MM;
  const qrSize = 30 * MM;
  const left = 4 * MM;
  const textWidth = width - qrSize - 10 * MM;

  doc.rect(0, 0, width, height).fill(card.kind === 'gold' ? '#f2e3a6' : '#dbe8f5');
  doc.rect(0, 0, width, 9 * MM).fill(card.kind === 'gold' ? '#8a6d00' : '#1d5c8c');
  doc.fillColor('#ffffff').font(font.bold).fontSize(9);
  tag('H1', {}, () => doc.text(t(card.kind === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard'), left, 3 * MM, { width: width - 2 * left }));
  doc.fillColor('#111111');
  const lines: Array<[string, string, boolean]> = [
    [t('recognition.card.holder'), card.holderName, true],
    [t('recognition.card.number'), card.number, false],
    [t('recognition.card.region'), card.region, false],
    [t('recognition.card.validUntil'), card.validUntil ? input.formatDate(card.validUntil) : t('recognition.card.lifetime'), false],
  ];
  let y = 12 * MM;
  for (const [label, value, big] of lines) {
    tag('P', {}, () => {
      doc.font(font.regular).fontSize(5.5).fillColor('#333333').text(label, left, y, { width: textWidth });
      doc.font(font.bold).fontSize(big ? 8.5 : 7).fillColor('#111111').text(value, left, y + 2.6 * MM, { width: textWidth });
    });
    y += big ? 9 * MM : 7.5 * MM;
  }
  const qr = await qrPng(verificationUrl(input.publicUrl, card.code));
  tag('Figure', { alt: t('recognition.card.qrAlt', { number: card.number }) }, () => {
    doc.image(qr, width - qrSize - 3 * MM, 11 * MM, { width: qrSize, height: qrSize });
  });
  doc.font(font.regular).fontSize(4.5).fillColor('#333333');
  tag('P', {}, () => doc.text(t('recognition.card.withId'), width - qrSize - 3 * MM, 42 * MM, { width: qrSize }));
  return collect(doc);
}

export async function certificatePdf(
  certificate: EngagementCertificate,
  input: { t: T; publicUrl: string; formatDate: (day: string) => string; formatHours: (hours: number) => string; compress?: boolean },
): Promise<Buffer> {
  const { t } = input;
  const PDFDocument = loadPdfKit();
  const title = `${t('recognition.certificate.title')} – ${certificate.holderName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    compress: input.compress ?? true,
    info: { Title: title, Author: certificate.issuerName, Creator: 'Mitmachnetz' },
  });
  const font = fonts(doc);
  const tag = tagger(doc);
  const contentWidth = doc.page.width - 120;
  doc.font(font.bold).fontSize(22).fillColor('#111111');
  tag('H1', {}, () => doc.text(t('recognition.certificate.title'), { width: contentWidth }));
  doc.moveDown(0.8);
  doc.font(font.regular).fontSize(12);
  tag('P', {}, () =>
    doc.text(
      t('recognition.certificate.intro', {
        name: certificate.holderName,
        from: input.formatDate(certificate.periodFrom),
        to: input.formatDate(certificate.periodTo),
        hours: input.formatHours(certificate.hours),
      }),
      { width: contentWidth },
    ),
  );
  doc.moveDown(1);
  for (const line of certificate.lines) {
    doc.font(font.bold).fontSize(13);
    tag('H2', {}, () => doc.text(`${line.organisation} – ${t('recognition.certificate.hoursShort', { hours: input.formatHours(line.hours) })}`, { width: contentWidth }));
    doc.font(font.regular).fontSize(11);
    if (line.activities.length) {
      tag('P', {}, () => doc.text(line.activities.join(' · '), { width: contentWidth }));
    }
    doc.moveDown(0.6);
  }
  doc.moveDown(1);
  doc.font(font.regular).fontSize(11);
  tag('P', {}, () => doc.text(t('recognition.certificate.issuedBy', { issuer: certificate.issuerName }), { width: contentWidth }));
  doc.moveDown(1.5);
  const qr = await qrPng(verificationUrl(input.publicUrl, certificate.code), 300);
  const top = doc.y;
  tag('Figure', { alt: t('recognition.certificate.qrAlt') }, () => doc.image(qr, 60, top, { width: 90, height: 90 }));
  doc.font(font.regular).fontSize(9).fillColor('#333333');
  tag('P', {}, () =>
    doc.text(t('recognition.certificate.verifyHint', { number: certificate.number, url: `${input.publicUrl.replace(/\/$/, '')}/pruefen` }), 165, top + 10, {
      width: contentWidth - 105,
    }),
  );
  return collect(doc);
}

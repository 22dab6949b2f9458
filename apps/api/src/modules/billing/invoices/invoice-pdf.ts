import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { japaneseDate, japaneseMonth } from '@bc/domain';
import { displayNumber, totalsByRate } from './invoice-math';
import type { InvoiceKind, InvoiceLineRow } from './invoices.repository';

/** Noto Sans JP (SIL OFL) from the npm package @expo-google-fonts/noto-sans-jp, embedded as a subset. */
const FONT_PATHS = {
  regular: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
};
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= { regular: readFileSync(FONT_PATHS.regular), bold: readFileSync(FONT_PATHS.bold) };
  return fonts;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: number;
  period: string;
  issueDate: string;
  issuerName: string;
  issuerRegistrationNumber: string;
  recipientName: string;
  lines: InvoiceLineRow[];
  total: number;
  taxRatePercent: number;
  taxAmount: number;
  /** Credit notes: the number of the invoice corrected, and why. */
  corrects?: { number: number; reason: string | null } | null;
  /** Receipts: when it was paid (Japan date). */
  paidOn?: string | null;
}

const yen = (n: number) => `¥${n.toLocaleString('ja-JP')}`;

const TITLES: Record<'invoice' | 'receipt' | 'credit_note', string> = {
  invoice: '請求書（適格請求書）',
  receipt: '領収書',
  credit_note: '返還請求書（適格返還請求書）',
};

/**
 * R2.8: the qualified invoice (適格請求書) or its receipt (領収書) as a PDF, rendered on demand:
 * issuer name and registration number, date, recipient, lines, total per tax rate and the tax per
 * rate computed once on that total.
 */
export function renderInvoicePdf(doc: InvoiceDocument, as: 'invoice' | 'receipt'): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${displayNumber(doc.number)}` } });
  pdf.registerFont('jp', regular);
  pdf.registerFont('jp-bold', bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const title =
    as === 'receipt' ? TITLES.receipt : doc.kind === 'credit_note' ? TITLES.credit_note : TITLES.invoice;
  const left = 50;
  const width = pdf.page.width - 100;

  pdf.font('jp-bold').fontSize(20).text(title, left, 50, { width, align: 'center' });
  pdf.moveDown(1);
  pdf.font('jp').fontSize(10);
  const top = pdf.y;
  pdf.text(`${as === 'receipt' ? '領収書' : '請求書'}番号: ${displayNumber(doc.number)}`, left, top, {
    width,
    align: 'right',
  });
  pdf.text(`発行日: ${japaneseDate(doc.issueDate)}`, { width, align: 'right' });
  if (as === 'receipt' && doc.paidOn)
    pdf.text(`お支払日: ${japaneseDate(doc.paidOn)}`, { width, align: 'right' });
  // R2.8 [decided]: the period is the month billed; a final invoice bills the contract's last month
  const periodNote = doc.kind === 'final' ? '（ご契約最終月の超過通話料）' : '';
  pdf.text(`対象期間: ${japaneseMonth(doc.period)}分${periodNote}`, { width, align: 'right' });

  pdf.font('jp-bold').fontSize(14).text(`${doc.recipientName} 様`, left, top);
  pdf.moveDown(2);

  pdf.font('jp').fontSize(10).text(`発行者: ${doc.issuerName}`, left);
  pdf.text(`登録番号: ${doc.issuerRegistrationNumber}`);
  if (doc.corrects) {
    pdf.text(`対象の請求書: ${displayNumber(doc.corrects.number)}`);
    if (doc.corrects.reason) pdf.text(`理由: ${doc.corrects.reason}`);
  }
  pdf.moveDown(1);

  const lead =
    as === 'receipt'
      ? `上記の金額を正に領収いたしました。`
      : doc.kind === 'credit_note'
        ? '下記のとおり返還いたします。'
        : '下記のとおりご請求申し上げます。';
  pdf
    .font('jp-bold')
    .fontSize(16)
    .text(
      `${as === 'receipt' ? '領収金額' : doc.kind === 'credit_note' ? '返還額' : 'ご請求金額'}  ${yen(doc.total)}（税込）`,
    );
  pdf.font('jp').fontSize(10).text(lead);
  pdf.moveDown(1);

  // lines
  const cols = [left, left + 270, left + 330, left + 410];
  const header = ['内容', '数量', '単価（税込）', '金額（税込）'];
  let y = pdf.y;
  pdf.font('jp-bold').fontSize(9);
  header.forEach((h, i) =>
    pdf.text(h, cols[i], y, { width: i === 0 ? 260 : 80, align: i === 0 ? 'left' : 'right' }),
  );
  y = pdf.y + 4;
  pdf
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  pdf.font('jp').fontSize(9);
  for (const line of doc.lines) {
    y += 6;
    pdf.text(line.description, cols[0], y, { width: 260 });
    const after = pdf.y;
    pdf.text(String(line.quantity), cols[1], y, { width: 50, align: 'right' });
    pdf.text(yen(line.unitPrice), cols[2], y, { width: 70, align: 'right' });
    pdf.text(yen(line.amount), cols[3], y, { width: 85, align: 'right' });
    y = Math.max(after, pdf.y);
  }
  y += 4;
  pdf
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  pdf.moveDown(1);

  // totals per tax rate, each line at its catalogue price's rate, tax computed once per rate (R2.8)
  const rates = totalsByRate(doc.lines);
  const summary = [
    ...rates.flatMap((r) => [
      [`${r.ratePercent}%対象 合計（税込）`, yen(r.total)],
      [`うち消費税（${r.ratePercent}%）`, yen(r.tax)],
    ]),
    ['合計（税込）', yen(doc.total)],
  ];
  pdf.fontSize(10);
  for (const [label, value] of summary) {
    const rowY = pdf.y + 2;
    pdf.text(label, left + 250, rowY, { width: 150 });
    pdf.text(value, left + 400, rowY, { width: 95, align: 'right' });
  }
  pdf.moveDown(2);
  pdf
    .fontSize(8)
    .text(
      '金額はすべて税込です。消費税額は請求書ごとに税率別の合計から一度だけ計算しています（1円未満切り捨て）。',
      left,
      pdf.y,
      { width },
    );
  if (as === 'receipt') pdf.text('お支払方法: クレジットカード', { width });
  pdf.end();
  return done;
}

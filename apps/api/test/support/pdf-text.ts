import { execFile } from 'node:child_process';

/**
 * The text of a PDF, extracted by pdf-parse (pdf.js) in a child Node process: pdf.js loads its
 * worker with a dynamic import, which jest's module sandbox does not allow.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const r = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
      process.stdout.write(r.text);
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: __dirname, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(pdf);
  });
}

// HTML → PDF with Debian's Chromium (driven by playwright-core, never a downloaded browser). One
// browser is launched on first use and reused: a launch costs ~0.5–1 s, a page render ~100 ms. The
// server closes it on shutdown (closePdfBrowser). Chinese text needs fonts-noto-cjk on the machine
// (scripts/install-system-deps.sh installs both).
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from './errors.ts';

let launching: Promise<Browser> | null = null;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Whether the browser binary is there at all (a cheap check; the launch may still fail). */
export function pdfAvailable(): boolean {
  return fs.existsSync(chromiumPath());
}

async function browser(): Promise<Browser> {
  if (!launching) {
    const path = chromiumPath();
    if (!fs.existsSync(path)) throw new AppError('PDF_UNAVAILABLE');
    launching = chromium
      .launch({ executablePath: path, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
      .then((b) => {
        // A crashed browser is launched again by the next call.
        b.on('disconnected', () => {
          launching = null;
        });
        return b;
      });
    launching.catch(() => {
      launching = null;
    });
  }
  try {
    return await launching;
  } catch {
    throw new AppError('PDF_UNAVAILABLE');
  }
}

/**
 * Renders a complete HTML document to an A4 PDF. The document must be self-contained (inline
 * styles, data: images): the page makes no network requests.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const b = await browser();
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Closes the shared browser, if one was launched (server shutdown, end of tests). */
export async function closePdfBrowser(): Promise<void> {
  const pending = launching;
  launching = null;
  if (!pending) return;
  try {
    await (await pending).close();
  } catch {
    // It never started or is already gone.
  }
}

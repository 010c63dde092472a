import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGzip } from 'node:zlib';
import { seededRandom } from '../../src/segmentation/seededRandom.js';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'United Kingdom', 'Germany', 'France', 'EIRE', 'Spain', 'Netherlands', 'Belgium'];
const WORDS = ['WHITE', 'HANGING', 'HEART', 'T-LIGHT', 'HOLDER', 'METAL', 'LANTERN', 'CREAM', 'CUPID', 'HEARTS', 'COAT', 'HANGER', 'KNITTED', 'UNION', 'FLAG', 'HOT', 'WATER', 'BOTTLE', 'RED', 'WOOLLY', 'HOTTIE', 'SET', 'OF', '7', 'BABUSHKA', 'NESTING', 'BOXES', 'GLASS', 'STAR', 'FROSTED', 'VINTAGE'];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Writes an Online-Retail-shaped CSV.gz of `lines` data lines, the same for the same seed:
 * invoices of 1–40 lines, 1 in 60 a cancellation, a quarter without a customer, some
 * descriptions quoted because they hold a comma. Written to a temporary name, then renamed, so an
 * interrupted generation is never mistaken for a finished file.
 */
export async function generateOrderLinesFile(path: string, lines: number, seed = 20101201): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const products = Array.from({ length: 4000 }, (_, i) => {
    const words = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' ');
    const description = random() < 0.03 ? `"${words}, ASSORTED"` : words;
    return { code: String(10000 + i * 7) + (random() < 0.2 ? 'A' : ''), description, price: (0.1 + random() * 12).toFixed(2) };
  });
  const temporary = `${path}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(temporary);
  gzip.pipe(out);
  gzip.write(HEADER + '\n');
  let written = 0;
  let invoice = 536365;
  let time = Date.UTC(2010, 11, 1, 8, 26);
  while (written < lines) {
    invoice += 1;
    time += Math.floor(random() * 600) * 1000 * 6;
    const at = new Date(time);
    const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00`;
    const cancelled = random() < 1 / 60;
    const customer = random() < 0.25 ? '' : `${12346 + Math.floor(random() * 5942)}.0`;
    const country = pick(COUNTRIES);
    const count = Math.min(1 + Math.floor(random() * 40), lines - written);
    let text = '';
    for (let i = 0; i < count; i++) {
      const product = pick(products);
      const quantity = (1 + Math.floor(random() * 24)) * (cancelled ? -1 : 1);
      text += `${cancelled ? 'C' : ''}${invoice},${product.code},${product.description},${quantity},${stamp},${product.price},${customer},${country}\n`;
    }
    written += count;
    if (!gzip.write(text)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
  renameSync(temporary, path);
}

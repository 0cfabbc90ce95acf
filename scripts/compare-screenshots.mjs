#!/usr/bin/env node
// Compares two folders of E2E screenshots pixel by pixel (issue 29: "no behaviour change",
// checked on pictures taken by two builds on the same day):
//
//   node scripts/compare-screenshots.mjs BEFORE_DIR AFTER_DIR [--diff OUT_DIR]
//
// A picture's volatile boxes (status bar, notification toasts, progress bars, spinners: what
// changes from run to run whatever the code) are read from `NAME.volatile.json` beside it in
// either folder (written by test/e2e/workbench.ts) and left out of the comparison. Prints one
// line per picture (identical, or how many pixels differ and where) and exits 1 when any differ.
// With --diff, writes each differing picture's changed pixels in red over a faded copy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes) to RGBA. */
function decodePng(file) {
  const data = fs.readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colorType = body[9];
      if (body[8] !== 8 || body[12] !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error(`${file}: unsupported PNG format`);
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) pixels[(y * width + x) * 4 + k] = line[x * channels + k];
      pixels[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    previous = line;
  }
  return { width, height, pixels };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function encodePng(file, { width, height, pixels }) {
  const chunk = (type, body) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  fs.writeFileSync(file, Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

const SHADOW = 10;

function volatileBoxes(...files) {
  return files.flatMap((file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : []));
}

const args = process.argv.slice(2);
const diffAt = args.indexOf('--diff');
const diffDir = diffAt >= 0 ? args.splice(diffAt, 2)[1] : undefined;
const [beforeDir, afterDir] = args;
if (!beforeDir || !afterDir) {
  console.error('usage: node scripts/compare-screenshots.mjs BEFORE_DIR AFTER_DIR [--diff OUT_DIR]');
  process.exit(2);
}
if (diffDir) fs.mkdirSync(diffDir, { recursive: true });

const names = (dir) => new Set(fs.readdirSync(dir).filter((name) => name.endsWith('.png')));
const before = names(beforeDir);
const after = names(afterDir);
let identical = 0;
let differing = 0;
for (const name of [...new Set([...before, ...after])].sort()) {
  if (!before.has(name) || !after.has(name)) {
    console.log(`${name}: only ${before.has(name) ? 'before' : 'after'}`);
    differing++;
    continue;
  }
  const a = decodePng(path.join(beforeDir, name));
  const b = decodePng(path.join(afterDir, name));
  if (a.width !== b.width || a.height !== b.height) {
    console.log(`${name}: size ${a.width}×${a.height} before, ${b.width}×${b.height} after`);
    differing++;
    continue;
  }
  const sidecar = name.replace(/\.png$/, '.volatile.json');
  const boxes = volatileBoxes(path.join(beforeDir, sidecar), path.join(afterDir, sidecar));
  const masked = new Uint8Array(a.width * a.height);
  for (const box of boxes) {
    // A toast's or a hover's shadow reaches past its box.
    const pad = /toast|hover-container/.test(box.selector) ? SHADOW : 0;
    const [x0, x1] = [Math.max(0, box.x - pad), Math.min(a.width, box.x + box.width + pad)];
    for (let y = Math.max(0, box.y - pad); y < Math.min(a.height, box.y + box.height + pad); y++) masked.fill(1, y * a.width + x0, y * a.width + x1);
  }
  let count = 0;
  const bbox = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
  const shown = diffDir ? Buffer.from(b.pixels) : undefined;
  for (let i = 0; i < a.width * a.height; i++) {
    const same = a.pixels.readUInt32BE(i * 4) === b.pixels.readUInt32BE(i * 4);
    if (shown) {
      const gray = Math.round((b.pixels[i * 4] + b.pixels[i * 4 + 1] + b.pixels[i * 4 + 2]) / 3 / 3 + 170);
      if (same || masked[i]) shown.set(masked[i] && !same ? [gray, gray, 255] : [gray, gray, gray], i * 4);
      else shown.set([255, 0, 0], i * 4);
    }
    if (same || masked[i]) continue;
    count++;
    const [x, y] = [i % a.width, Math.floor(i / a.width)];
    Object.assign(bbox, { x0: Math.min(bbox.x0, x), y0: Math.min(bbox.y0, y), x1: Math.max(bbox.x1, x), y1: Math.max(bbox.y1, y) });
  }
  if (count === 0) {
    identical++;
    console.log(`${name}: identical${boxes.length ? ` (${boxes.length} volatile boxes left out)` : ''}`);
    continue;
  }
  differing++;
  console.log(`${name}: ${count} pixels differ, within x ${bbox.x0}–${bbox.x1}, y ${bbox.y0}–${bbox.y1}`);
  if (diffDir && shown) encodePng(path.join(diffDir, name), { width: b.width, height: b.height, pixels: shown });
}
console.log(`\n${identical} identical, ${differing} differ (of ${identical + differing})`);
process.exit(differing === 0 ? 0 : 1);

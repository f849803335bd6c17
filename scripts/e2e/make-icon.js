#!/usr/bin/env node
'use strict';
// Generates images/icon.png (128x128 RGBA): a letter page with text lines, one of them
// underlined with a red squiggle, and a green check badge. Pure Node (zlib), no ImageMagick.
// Usage: node scripts/e2e/make-icon.js [out.png]
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const N = 128,
  S = 4; // output size, supersampling factor

const BG = [31, 78, 121],
  PAGE = [250, 250, 247],
  FOLD = [214, 222, 230],
  LINE = [120, 134, 150],
  RED = [214, 48, 49],
  GREEN = [46, 160, 67],
  WHITE = [255, 255, 255];

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r),
    cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour of a point in 128-unit coordinates, or null (transparent). */
function shade(x, y) {
  let c = null;
  if (inRoundRect(x, y, 4, 4, 124, 124, 22)) c = BG;
  // Page with a folded top-right corner.
  const px0 = 28,
    py0 = 18,
    px1 = 92,
    py1 = 110,
    fold = 18;
  if (x >= px0 && x <= px1 && y >= py0 && y <= py1 && !(x > px1 - fold && y < py0 + (x - (px1 - fold)))) c = PAGE;
  if (x > px1 - fold && x <= px1 && y >= py0 && y <= py0 + fold && y >= py0 + (x - (px1 - fold))) c = FOLD;
  // Text lines.
  const lines = [
    [36, 66, 32],
    [36, 80, 44],
    [36, 74, 56],
    [36, 82, 68],
    [36, 62, 80],
    [36, 78, 92],
  ];
  for (const [a, b, ly] of lines) if (y >= ly - 2 && y <= ly + 2 && x >= a && x <= b) c = LINE;
  // Red squiggle under the 4th line.
  if (x >= 36 && x <= 82) {
    const sy = 73 + 2.2 * Math.sin((x - 36) / 2.2);
    if (Math.abs(y - sy) <= 1.5) c = RED;
  }
  // Green check badge.
  const bx = 94,
    by = 94,
    br = 22;
  const d = Math.hypot(x - bx, y - by);
  if (d <= br + 3) c = BG;
  if (d <= br) c = GREEN;
  if (d <= br && (distToSegment(x, y, 83, 95, 91, 103) <= 3.2 || distToSegment(x, y, 91, 103, 106, 86) <= 3.2)) c = WHITE;
  return c;
}

const rgba = Buffer.alloc(N * N * 4);
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < S; sy++) {
      for (let sx = 0; sx < S; sx++) {
        const c = shade(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
    }
    const i = (y * N + x) * 4;
    if (a) {
      rgba[i] = Math.round(r / a);
      rgba[i + 1] = Math.round(g / a);
      rgba[i + 2] = Math.round(b / a);
    }
    rgba[i + 3] = Math.round((255 * a) / (S * S));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
ihdr[10] = 0;
ihdr[11] = 0;
ihdr[12] = 0; // 8-bit RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) rgba.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] || path.join(__dirname, '..', '..', 'images', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);

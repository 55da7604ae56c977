#!/usr/bin/env node
/**
 * Draws Parley's app and tray icons and writes them as PNGs under assets/,
 * using only Node built-ins (zlib for the PNG encoding). Shapes are signed
 * distance functions, supersampled for anti-aliasing. Run after changing a
 * shape: `node scripts/generate-icons.mjs` (the PNGs are committed).
 * electron-builder derives .ico and .icns from assets/icon.png (1024 px).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// ---- PNG encoding ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (Uint8Array, row-major) → PNG file bytes. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba
      .subarray(y * width * 4, (y + 1) * width * 4)
      .forEach((v, i) => (rows[y * (width * 4 + 1) + 1 + i] = v));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes (unit square, y down; negative distance = inside) ----

function roundBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
/** A thick segment from (ax, ay) to (bx, by). */
function segment(x, y, ax, ay, bx, by, r) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
}
/** The speech bubble: a rounded body with a tail at its lower left. */
function bubble(x, y, s = 1, ox = 0.5, oy = 0.5) {
  const u = (x - ox) / s + 0.5,
    v = (y - oy) / s + 0.5;
  const body = roundBox(u, v, 0.5, 0.45, 0.36, 0.27, 0.16);
  const tail = segment(u, v, 0.3, 0.62, 0.2, 0.86, 0.07);
  return Math.min(body, tail) * s;
}

// ---- painting ----

const hex = (value) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));

/** Renders layers back to front; each layer: { sdf(x, y), color(x, y) → [r, g, b] }. */
function render(size, layers, samples = 4) {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let cr = 0,
            cg = 0,
            cb = 0,
            ca = 0;
          for (const layer of layers) {
            if (layer.sdf(x, y) > 0) continue;
            [cr, cg, cb] = layer.color(x, y);
            ca = 1;
          }
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      // Straight (not premultiplied) alpha.
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

const white = () => [255, 255, 255];
const top = hex('#5b95ff'),
  bottom = hex('#2b4fc4');
const gradient = (_x, y) => top.map((c, i) => Math.round(c + (bottom[i] - c) * y));

const appLayers = [
  { sdf: (x, y) => roundBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.2), color: gradient },
  { sdf: (x, y) => bubble(x, y, 0.62, 0.5, 0.5), color: white },
  ...[0.38, 0.5, 0.62].map((cx) => ({ sdf: (x, y) => circle(x, y, cx, 0.47, 0.045), color: gradient })),
];

const trayStates = {
  idle: { color: '#9aa3b2', mark: [] },
  'in-call': { color: '#2fbf71', mark: [] },
  muted: {
    color: '#e5484d',
    // The slash stays inside the bubble.
    mark: [
      {
        sdf: (x, y) => Math.max(segment(x, y, 0.3, 0.24, 0.72, 0.66, 0.06), bubble(x, y, 0.92, 0.5, 0.47)),
        color: white,
      },
    ],
  },
  sharing: {
    color: '#4f8cff',
    mark: [
      { sdf: (x, y) => roundBox(x, y, 0.5, 0.44, 0.2, 0.14, 0.03), color: white },
      { sdf: (x, y) => roundBox(x, y, 0.5, 0.44, 0.14, 0.08, 0.01), color: () => hex('#4f8cff') },
    ],
  },
};

// macOS menu bar icons are template images: black and alpha only, which macOS tints for light and dark
// bars, so there the states differ by shape (a hollow bubble when idle, cut-out marks) instead of colour.
const trayBubble = (x, y) => bubble(x, y, 0.92, 0.5, 0.47);
const cutOut = (shape, mark) => (x, y) => Math.max(shape(x, y), -mark(x, y));
const templateStates = {
  idle: cutOut(trayBubble, (x, y) => trayBubble(x, y) + 0.1),
  'in-call': trayBubble,
  muted: cutOut(trayBubble, (x, y) => segment(x, y, 0.3, 0.24, 0.72, 0.66, 0.06)),
  sharing: cutOut(trayBubble, (x, y) =>
    Math.max(roundBox(x, y, 0.5, 0.44, 0.2, 0.14, 0.03), -roundBox(x, y, 0.5, 0.44, 0.14, 0.08, 0.01)),
  ),
};

function write(path, size, layers) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, size, render(size, layers, size >= 512 ? 3 : 4)));
  console.log(`wrote ${path.slice(assets.length + 1)}`);
}

write(join(assets, 'icon.png'), 1024, appLayers);
for (const size of [16, 24, 32, 48, 64, 128, 256, 512])
  write(join(assets, 'icons', `${size}x${size}.png`), size, appLayers);
for (const [state, { color, mark }] of Object.entries(trayStates)) {
  const layers = [{ sdf: (x, y) => bubble(x, y, 0.92, 0.5, 0.47), color: () => hex(color) }, ...mark];
  write(join(assets, 'tray', `${state}.png`), 16, layers);
  write(join(assets, 'tray', `${state}@2x.png`), 32, layers);
}
for (const [state, sdf] of Object.entries(templateStates)) {
  const layers = [{ sdf, color: () => [0, 0, 0] }];
  write(join(assets, 'tray', `${state}Template.png`), 16, layers);
  write(join(assets, 'tray', `${state}Template@2x.png`), 32, layers);
}

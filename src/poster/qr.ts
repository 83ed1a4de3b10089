/**
 * QR matrices and their vector drawing. `qrcode` is loaded lazily. A matrix is turned once into a
 * PDF path in module units (one rectangle per horizontal run of dark modules) and reused on every
 * poster, scaled into place with a transformation matrix.
 */
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { UserError } from '../core/errors.js';
import type { PosterTemplate } from './template.js';

const require = createRequire(import.meta.url);

export interface QrSymbol {
  payload: string;
  version: number;
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row-major dark modules. */
  dark: Uint8Array;
  /** PDF path operators in module units (origin top-left of the symbol), ending before the fill. */
  path: string;
  /** The content of a Form XObject drawing the symbol (black, module units), deflated once. */
  form: Buffer;
}

type QrLib = typeof import('qrcode');
let lib: QrLib | undefined;

function qrcode(): QrLib {
  if (!lib) lib = require('qrcode') as QrLib;
  return lib;
}

/** Merges each row's runs of dark modules into one rectangle: far fewer path operators. */
export function symbolPath(size: number, dark: Uint8Array): string {
  const parts: string[] = [];
  for (let r = 0; r < size; r++) {
    let c = 0;
    const row = r * size;
    while (c < size) {
      if (dark[row + c]) {
        const start = c;
        while (c < size && dark[row + c]) c++;
        parts.push(`${start} ${r} ${c - start} 1 re`);
      } else c++;
    }
  }
  return parts.join('\n');
}

/** Encodes one payload; a payload too long for any QR version is a UserError naming `what`. */
export function encodeQr(payload: string, level: PosterTemplate['qr']['koreksi'], what: string): QrSymbol {
  let q: ReturnType<QrLib['create']>;
  try {
    q = qrcode().create(payload, { errorCorrectionLevel: level });
  } catch {
    throw new UserError(`Isi kode QR untuk ${what} terlalu panjang (${Buffer.byteLength(payload)} bita) untuk satu kode QR.`, {
      hint: 'Pakai --mode url (kode QR berisi tautan pendek) atau perpendek persyaratan layanan ini di katalog.',
    });
  }
  const size = q.modules.size;
  const dark = Uint8Array.from(q.modules.data as ArrayLike<number>, (v) => (v ? 1 : 0));
  const path = symbolPath(size, dark);
  return { payload, version: q.version, size, dark, path, form: zlib.deflateSync(Buffer.from(`0 g\n${path}\nf\n`, 'latin1')) };
}

/** Caches symbols by payload (and level) for the life of the process. */
export class QrCache {
  private map = new Map<string, QrSymbol>();
  get(payload: string, level: PosterTemplate['qr']['koreksi'], what: string): QrSymbol {
    const key = `${level}\u0000${payload}`;
    let s = this.map.get(key);
    if (!s) {
      s = encodeQr(payload, level, what);
      this.map.set(key, s);
    }
    return s;
  }
}

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MM } from '../../src/pdf/document.js';
import { woffToSfnt } from '../../src/pdf/woff.js';
import { balanceRows, isGratis, LayananTidakMuat, layoutPoster, layoutProblems, minQrSide, printable, requiredQrSide, SURVEI_SLUG, wrap, type LayananTile, type Measurer } from '../../src/poster/layout.js';
import { asciiPayload, parseBaseUrl, parseMode, textPayload } from '../../src/poster/payload.js';
import { encodeQr, symbolPath } from '../../src/poster/qr.js';
import { loadTemplate } from '../../src/poster/template.js';
import { posterFileName } from '../../src/poster/generate.js';
import { PAPER } from '../../src/pdf/document.js';
import type { Profil } from '../../src/profil/index.js';

/** Every character 0.55 em wide, bold 0.6 em; line height 1.362 em (Noto Sans). */
const stub: Measurer = {
  width: (t, font, size) => [...t].length * size * (font.includes('Bold') ? 0.6 : 0.55),
  lineHeight: (_f, size) => size * 1.362,
  hasGlyph: (ch) => ch.charCodeAt(0) < 0x2000 || '–—“”‘’•…'.includes(ch),
};

const profil: Profil = {
  nama_kecamatan: 'Kemlagi',
  kabupaten: 'Kabupaten Mojokerto',
  provinsi: 'Jawa Timur',
  kode_wilayah: '35.16.15',
  alamat: 'Jl. Raya Kemlagi',
  telepon: '(0321) 000000',
  whatsapp: '0812-0000-0000',
  email: null,
  website: null,
  jam_layanan: 'Senin–Jumat 08.00–15.00',
  nama_camat: null,
  nip_camat: null,
  logo: null,
  url_survei: null,
  urutan_unsur: 'definisi',
  diperbarui: '2026-11-02',
};

const template = loadTemplate();

function tiles(n: number, items: number, modules = 85): LayananTile[] {
  return Array.from({ length: n }, (_, i) => ({
    slug: `l-${i}`,
    nama: i % 3 === 0 ? `Surat Keterangan dengan Nama Panjang Sekali Nomor ${i} untuk Uji Tata Letak` : `Layanan ${i}`,
    persyaratan: Array.from({ length: items }, (_, k) => `Fotokopi dokumen pendukung yang cukup panjang nomor ${k + 1}`),
    waktu: '1 hari kerja',
    biaya: i === 1 ? 'Retribusi sesuai Perda' : 'Gratis',
    modules,
  }));
}

function layout(n: number, items: number, paper: keyof typeof PAPER = 'A4', nama = 'Watesprojo') {
  return layoutPoster(stub, { profil, desa: { nama, jenis: 'desa' }, layanan: tiles(n, items), template, paper: PAPER[paper], diperbarui: '2 November 2026' });
}

describe('poster layout', () => {
  it.each([
    [1, 3, 'A4'],
    [14, 6, 'A4'],
    [14, 6, 'A3'],
    [20, 15, 'A4'],
    [20, 15, 'F4'],
    [5, 15, 'A3'],
  ] as const)('%i layanan with %i requirements on %s: nothing overlaps, nothing leaves the printable area', (n, items, paper) => {
    const l = layout(n, items, paper);
    expect(layoutProblems(l)).toEqual([]);
    expect(l.qr).toHaveLength(n);
    expect(new Set(l.qr.map((q) => q.slug)).size).toBe(n);
    for (const q of l.qr) {
      expect(q.modul_mm).toBeGreaterThanOrEqual(0.5);
      expect(q.box.w).toBeGreaterThanOrEqual(35 * MM);
    }
    // Pages are numbered in the footer.
    const last = l.pages.at(-1)!.elements.filter((e) => e.kind === 'text').map((e) => (e as { text: string }).text);
    expect(last).toContain(`Halaman ${l.pages.length} dari ${l.pages.length}`);
  });

  it('flows tiles onto further pages when they do not fit, and uses one page when they do', () => {
    expect(layout(1, 3).pages).toHaveLength(1);
    expect(layout(20, 15).pages.length).toBeGreaterThan(1);
    const pages = layout(20, 15).qr.map((q) => q.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('enlarges the codes when few layanan leave room', () => {
    const one = layout(2, 3);
    const many = layout(14, 6);
    expect(one.qrSide).toBeGreaterThan(many.qrSide);
    expect(many.qrSide).toBeCloseTo(requiredQrSide(tiles(14, 6), template), 6);
  });

  it('shrinks or wraps a long desa name to the width of the page', () => {
    const l = layout(3, 3, 'A4', 'Mojowatesrejo Kulon Wetan Lor Kidul Tengah Baru Sekali Lagi');
    expect(layoutProblems(l)).toEqual([]);
    const title = l.pages[0].elements.filter((e) => e.kind === 'text' && e.font === 'Sans-Bold' && e.size >= template.ukuran.desa_min_pt);
    expect(title.length).toBeGreaterThanOrEqual(1);
  });

  it('says "Semua layanan GRATIS" only when every layanan is free', () => {
    const texts = (n: number) => layout(n, 3).pages[0].elements.map((e) => ('text' in e ? e.text : ''));
    expect(texts(1)).toContain('Semua layanan GRATIS');
    expect(texts(3)).not.toContain('Semua layanan GRATIS');
    expect(isGratis('Gratis')).toBe(true);
    expect(isGratis('Rp 0,-')).toBe(true);
    expect(isGratis('Retribusi sesuai Perda')).toBe(false);
  });
});

describe('QR size rules', () => {
  it('at least 35 mm wide with modules of at least 0.5 mm, plus a 4-module quiet zone', () => {
    expect(minQrSide(25, template) / MM).toBeCloseTo((35 / 25) * 33, 6);
    expect(minQrSide(85, template) / MM).toBeCloseTo(0.5 * 93, 6);
  });

  it('names the layanan whose code cannot be printed within the maximum width', () => {
    expect(() => requiredQrSide([{ slug: 'ok', nama: 'Biasa', modules: 41 }, { slug: 'besar', nama: 'Sangat Besar', modules: 177 }], template)).toThrow(/Sangat Besar \(besar: 93 mm\)/);
  });

  it('encodes with error correction M and merges runs of dark modules', () => {
    const s = encodeQr('https://kemlagi.example.id/paten/sktm', 'M', 'uji');
    expect(s.size).toBe(17 + 4 * s.version);
    const rects = s.path.split('\n');
    const dark = s.dark.reduce((a, b) => a + b, 0);
    expect(rects.length).toBeLessThan(dark);
    // The rectangles cover exactly the dark modules.
    let covered = 0;
    for (const r of rects) covered += Number(r.split(' ')[2]);
    expect(covered).toBe(dark);
    expect(symbolPath(3, Uint8Array.from([1, 1, 0, 0, 1, 1, 1, 0, 1]))).toBe('0 0 2 1 re\n1 1 2 1 re\n0 2 1 1 re\n2 2 1 1 re');
  });
});

describe('text helpers', () => {
  it('wraps on spaces and breaks words longer than the line', () => {
    const lines = wrap(stub, 'Surat pengantar dari desa/kelurahan', 'Sans', 10, 100);
    for (const l of lines) expect(stub.width(l, 'Sans', 10)).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe('Surat pengantar dari desa/kelurahan');
    const long = wrap(stub, 'https://kemlagi.example.id/paten/surat-keterangan-ahli-waris', 'Sans', 10, 60);
    expect(long.join('')).toBe('https://kemlagi.example.id/paten/surat-keterangan-ahli-waris');
    for (const l of long) expect(stub.width(l, 'Sans', 10)).toBeLessThanOrEqual(60);
    // Links break after "/" or "-" where that keeps most of the line.
    expect(long[0]).toBe('https://');
    expect(long).toContain('paten/');
  });

  it('prints stand-ins for characters the Latin font lacks', () => {
    expect(printable(stub, 'Bangunan (≤100 m²) → loket')).toBe('Bangunan (<=100 m²) -> loket');
    expect(printable(stub, 'Senin–Jumat “PATEN”')).toBe('Senin–Jumat “PATEN”');
  });

  it('builds the teks payload from the catalog, the office address, its hours and contact', () => {
    const p = textPayload(
      { id: 1, slug: 'sktm', nama: 'SKTM', kategori: 'non-perizinan', persyaratan: ['Pengantar RT/RW', 'Fotokopi KK'], prosedur: [], waktu: '30 menit', biaya: 'Gratis', produk: null, dasar_hukum: null, catatan: null, alias: [], urutan: 1, diperbarui: '2026-11-02' },
      profil,
    );
    expect(p).toBe(
      'SKTM\nPersyaratan:\n1. Pengantar RT/RW\n2. Fotokopi KK\nWaktu: 30 menit\nBiaya: Gratis\nTempat: Kantor Kecamatan Kemlagi, Jl. Raya Kemlagi\nJam layanan: Senin-Jumat 08.00-15.00\nKontak: WA 0812-0000-0000 | Telp (0321) 000000',
    );
    expect(asciiPayload('PBG (≤100 m²) – “kecil” café • Senin–Jumat')).toBe('PBG (<=100 m2) - "kecil" cafe | Senin-Jumat');
    expect(asciiPayload('漢')).toBe('?');
  });

  it('checks --mode and --base-url', () => {
    expect(parseMode('URL')).toBe('url');
    expect(() => parseMode('pdf')).toThrow(/--mode/);
    expect(parseBaseUrl('https://kemlagi.example.id/paten//')).toBe('https://kemlagi.example.id/paten');
    expect(() => parseBaseUrl('ftp://x.id')).toThrow(/http:\/\/ atau https:\/\//);
    expect(() => parseBaseUrl('https://x.id/?a=1')).toThrow(/\?/);
    expect(parseBaseUrl('https://x.go.id/layanan paten')).toBe('https://x.go.id/layanan%20paten');
    expect(() => parseBaseUrl('https://admin:rahasia@x.go.id/paten')).toThrow(/kata sandi/);
  });

  it('file names are safe on Windows', () => {
    expect(posterFileName({ kode: '3516152099', nama: 'Kali/Jati: "Baru"?*' })).toBe('3516152099-kali-jati-baru.pdf');
    expect(posterFileName({ kode: '3516152001', nama: 'CON' })).toBe('3516152001-con-.pdf');
  });
});

describe('template', () => {
  it('ships valid defaults with error correction M or better', () => {
    expect(template.qr.koreksi).toMatch(/^[MQH]$/);
    expect(template.qr.lebar_min_mm).toBeGreaterThanOrEqual(35);
    expect(template.qr.modul_min_mm).toBeGreaterThanOrEqual(0.5);
  });
});

describe('WOFF to TrueType', () => {
  it('keeps every table, so the fonts parse the same', () => {
    const require = createRequire(import.meta.url);
    const woff = fs.readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));
    const ttf = woffToSfnt(woff);
    expect(ttf.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
    expect(ttf.readUInt16BE(4)).toBe(woff.readUInt16BE(12));
    // totalSfntSize in the WOFF header is the size of the decoded font.
    expect(ttf.length).toBe(woff.readUInt32BE(16));
    // Each table's checksum (sum of big-endian uint32) matches its directory entry; 'head' has its magic number.
    const n = ttf.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const d = 12 + i * 16;
      const tag = ttf.toString('latin1', d, d + 4);
      const off = ttf.readUInt32BE(d + 8);
      const len = ttf.readUInt32BE(d + 12);
      let sum = 0;
      for (let k = 0; k < len; k += 4) sum = (sum + (k + 4 <= len ? ttf.readUInt32BE(off + k) : Buffer.concat([ttf.subarray(off + k, off + len), Buffer.alloc(4)]).readUInt32BE(0))) >>> 0;
      if (tag === 'head') expect(ttf.readUInt32BE(off + 12)).toBe(0x5f0f3cf5);
      else expect(sum, tag).toBe(ttf.readUInt32BE(d + 4));
    }
  });
});

describe('pages of a poster', () => {
  it('fills a page before starting the next, then spreads rows evenly so the last page is not left with one row', () => {
    // 7 rows of 10 on pages holding 3 rows (10 + 2 + 10 + 2 + 10 = 34).
    expect(balanceRows(Array(7).fill(10), [34], 2)).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect(balanceRows(Array(3).fill(10), [34], 2)).toEqual([[0, 1, 2]]);
    // A smaller first page (the big header) takes fewer rows.
    expect(balanceRows(Array(5).fill(10), [22, 34], 2)).toEqual([[0, 1], [2, 3, 4]]);
  });

  it.each([
    [3, 3, 'A4'],
    [13, 6, 'A4'],
    [15, 6, 'A4'],
    [14, 6, 'A3'],
    [20, 15, 'F4'],
  ] as const)('%i layanan with %i requirements on %s: one body size on the sheet, no page less than half full', (n, items, paper) => {
    const l = layout(n, items, paper);
    // Every text inside a tile but the layanan name (bold).
    const body = new Set(
      l.pages.flatMap((pg) => {
        const tilesOnPage = pg.elements.filter((e) => e.kind === 'rect' && e.stroke).map((e) => (e as { box: { x: number; y: number; w: number; h: number } }).box);
        const within = (b: { x: number; y: number }) => tilesOnPage.some((r) => b.x >= r.x && b.x <= r.x + r.w && b.y >= r.y && b.y <= r.y + r.h);
        return pg.elements.filter((e) => e.kind === 'text' && e.font !== 'Sans-Bold' && within(e.box)).map((e) => (e as { size: number }).size);
      }),
    );
    expect([...body]).toEqual([l.ukuranSyarat]);
    expect(l.ukuranSyarat).toBeGreaterThanOrEqual(8);
    if (l.pages.length > 1)
      l.pages.forEach((pg, i) => {
        const qr = pg.elements.filter((e) => e.kind === 'qr').map((e) => (e as { box: { y: number } }).box.y);
        const rects = pg.elements.filter((e) => e.kind === 'rect' && e.stroke).map((e) => (e as { box: { y: number; h: number } }).box);
        const top = Math.min(...qr);
        const bottom = Math.max(...rects.map((b) => b.y + b.h));
        const footerTop = Math.min(...pg.elements.filter((e) => e.kind === 'line' && e.y1 > bottom).map((e) => (e as { y1: number }).y1));
        // A page holding a single row may be emptier: that row alone cannot be split.
        const rows = new Set(rects.map((b) => b.y)).size;
        if (rows > 1 || i < l.pages.length - 1) expect((bottom - top) / (footerTop - top), `halaman ${i + 1}`).toBeGreaterThan(0.5);
      });
    if (n <= 3) expect(l.pages).toHaveLength(1);
  });

  it('a layanan whose box is taller than a page at 8 pt is named, with --kertas A3 suggested', () => {
    const huge = tiles(2, 3);
    huge[1] = { ...huge[1], persyaratan: Array.from({ length: 80 }, (_, k) => `Dokumen pendukung yang sangat panjang sekali nomor ${k + 1}`) };
    expect(() => layoutPoster(stub, { profil, desa: { nama: 'Watesprojo', jenis: 'desa' }, layanan: huge, template, paper: PAPER.A4, diperbarui: '2 November 2026' })).toThrow(LayananTidakMuat);
    try {
      layoutPoster(stub, { profil, desa: { nama: 'Watesprojo', jenis: 'desa' }, layanan: huge, template, paper: PAPER.A4, diperbarui: '2 November 2026' });
    } catch (e) {
      expect((e as LayananTidakMuat).slug).toBe('l-1');
      expect((e as Error).message).toMatch(/Layanan 1 \(l-1\) tidak muat di satu halaman A4 walau dengan huruf 8 pt/);
      expect((e as LayananTidakMuat).hint).toMatch(/--kertas A3/);
    }
  });
});

describe('survey card (profile url_survei)', () => {
  const withSurvei = (n: number, items: number, paper: keyof typeof PAPER = 'A4') =>
    layoutPoster(stub, { profil, desa: { nama: 'Watesprojo', jenis: 'desa' }, layanan: tiles(n, items), template, paper: PAPER[paper], diperbarui: '2 November 2026', survei: { url: 'https://forms.gle/SkmKemlagi2025', modules: 29 } });

  it.each([
    [1, 3],
    [3, 3],
    [4, 5],
    [14, 6],
    [20, 15],
  ])('%i layanan with %i requirements: one survey code, nothing overlaps, the requirement codes unchanged', (n, items) => {
    const l = withSurvei(n, items);
    expect(layoutProblems(l)).toEqual([]);
    expect(l.survei).toBeDefined();
    expect(l.qr.map((q) => q.slug)).toEqual(tiles(n, items).map((t) => t.slug));
    const codes = l.pages.flatMap((pg) => pg.elements.filter((e) => e.kind === 'qr' && e.slug === SURVEI_SLUG));
    expect(codes).toHaveLength(1);
    expect(l.survei!.box.w).toBeGreaterThanOrEqual(35 * MM);
    const texts = l.pages[l.survei!.page - 1].elements.map((e) => ('text' in e ? e.text : '')).join(' ');
    // The heading's lines are consecutive elements (it may wrap in a narrow cell).
    expect(texts).toContain('Beri penilaian layanan kami');
    if (n <= 3) expect(l.pages).toHaveLength(1);
  });

  it('takes the empty cell of the last row, or a row of its own across the page', () => {
    const odd = withSurvei(3, 3);
    const even = withSurvei(14, 6);
    const card = (l: ReturnType<typeof withSurvei>) =>
      l.pages[l.survei!.page - 1].elements.find((e) => e.kind === 'rect' && e.stroke === template.warna.survei) as { box: { x: number; w: number } };
    expect(odd.columns).toBe(2);
    expect(card(odd).box.w).toBeLessThan(PAPER.A4[0] / 2);
    expect(card(even).box.w).toBeCloseTo(PAPER.A4[0] - 2 * template.margin_mm * MM, 6);
  });
});

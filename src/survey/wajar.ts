/**
 * Plausibility of survey dates (issue 13 §5): a date after today, or before 2000 (before any online
 * form of an SKM could exist), is most likely a typing or export slip. Such rows are stored as they
 * are, with a warning that names them; nothing is refused. Pure: today is given by the caller.
 */
import { formatAngka } from '../core/format.js';

export const TANGGAL_TERAWAL = '2000-01-01';

export type Janggal = 'masa_depan' | 'terlalu_lama';

/** Today's date on this machine (YYYY-MM-DD, local time). */
export function hariIni(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function besok(tanggal: string): string {
  const d = new Date(`${tanggal}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Why a stored date (YYYY-MM-DD) is implausible, or null. One day ahead is allowed: a form's
 * UTC stamp converted to WIB can be tomorrow on a machine whose clock runs in another zone.
 */
export function tanggalJanggal(tanggal: string, hari: string): Janggal | null {
  return janggalSebelum(tanggal, besok(hari));
}

/** tanggalJanggal with tomorrow already computed (once per file, not once per row). */
function janggalSebelum(tanggal: string, besokHari: string): Janggal | null {
  if (tanggal < TANGGAL_TERAWAL) return 'terlalu_lama';
  if (tanggal > besokHari) return 'masa_depan';
  return null;
}

/** Collects the implausible rows of one file: counts, and the first lines for the message. */
export class TanggalJanggal {
  readonly baris: Record<Janggal, number[]> = { masa_depan: [], terlalu_lama: [] };
  readonly jumlah: Record<Janggal, number> = { masa_depan: 0, terlalu_lama: 0 };
  private readonly besok: string;
  constructor(hari: string = hariIni()) {
    this.besok = besok(hari);
  }

  periksa(tanggal: string, line: number): void {
    const j = janggalSebelum(tanggal, this.besok);
    if (!j) return;
    this.jumlah[j]++;
    if (this.baris[j].length < 10) this.baris[j].push(line);
  }

  /** Warnings in Indonesian, naming the first lines (empty when every date is plausible). */
  peringatan(): string[] {
    const out: string[] = [];
    const lines = (j: Janggal) => this.baris[j].join(', ') + (this.jumlah[j] > this.baris[j].length ? ', …' : '');
    if (this.jumlah.masa_depan)
      out.push(`${formatAngka(this.jumlah.masa_depan)} baris bertanggal setelah hari ini (baris ${lines('masa_depan')}); periksa tanggalnya, jawaban tetap disimpan`);
    if (this.jumlah.terlalu_lama)
      out.push(`${formatAngka(this.jumlah.terlalu_lama)} baris bertanggal sebelum tahun 2000 (baris ${lines('terlalu_lama')}); periksa tanggalnya, jawaban tetap disimpan`);
    return out;
  }
}

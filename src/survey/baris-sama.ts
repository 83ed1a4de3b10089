/**
 * The rule for rows identical to rows already stored, the heart of importing cumulative
 * re-exports: Google Forms, Microsoft Forms and Kobo always export every response so far, so
 * March's download holds January's rows again. A row that matches a stored one (every value the
 * same, timestamp included) and carries a time of day is that same response again: it is left
 * out and counted. A matching row without a time of day (a paper form typed in, a rekap sheet) may
 * just as well be another respondent who answered alike, so paten does not guess: the import is
 * refused, naming the rows, until `--baris-sama lewati` (a re-export: leave them out) or
 * `--baris-sama simpan` (other respondents: store them) says which.
 */
import type { InputProblem, ProblemList } from '../core/errors.js';
import { formatAngka } from '../core/format.js';
import type { BarisSamaAturan, BarisSamaLaporan } from './import.js';
import type { ResponseRow } from './store.js';

const CONTOH_MAX = 5;

export interface Asal {
  /** The stored batch, or null for an earlier file of the same command. */
  batch: number | null;
  berkas: string | null;
  line: number;
}

function asalTeks(a: { batch: number | null; berkas: string | null; baris_tersimpan: number }): string {
  return a.batch !== null ? `batch ${a.batch} baris ${a.baris_tersimpan}` : `${a.berkas} baris ${a.baris_tersimpan}`;
}

export class BarisSama {
  readonly report: BarisSamaLaporan = { jumlah: 0, dilewati: 0, tanpa_jam: 0, per_batch: [], contoh: [] };
  private readonly tanpaJam: { baris: number; asal: string }[] = [];

  constructor(private readonly aturan: BarisSamaAturan | undefined) {}

  /** Records a row identical to an earlier one; true when the row is to be left out. */
  skip(row: ResponseRow, line: number, asal: Asal): boolean {
    const r = this.report;
    r.jumlah++;
    const sample = { baris: line, batch: asal.batch, berkas: asal.berkas, baris_tersimpan: asal.line };
    if (r.contoh.length < CONTOH_MAX) r.contoh.push(sample);
    const untimed = row.waktu === null || row.waktu === undefined;
    if (untimed) {
      r.tanpa_jam++;
      if (this.tanpaJam.length < CONTOH_MAX) this.tanpaJam.push({ baris: line, asal: asalTeks(sample) });
    }
    const leave = this.aturan === 'lewati' || (this.aturan === undefined && !untimed);
    if (!leave) return false;
    r.dilewati++;
    const g = r.per_batch.find((x) => x.batch === asal.batch && x.berkas === asal.berkas);
    if (g) g.jumlah++;
    else r.per_batch.push({ batch: asal.batch, berkas: asal.berkas, jumlah: 1 });
    return true;
  }

  /** Without --baris-sama, identical rows without a time of day refuse the import (one problem per file). */
  finish(problems: ProblemList, where: Pick<InputProblem, 'file' | 'sheet'>): void {
    const n = this.report.tanpa_jam;
    if (this.aturan !== undefined || n === 0) return;
    const list = this.tanpaJam.map((x) => `baris ${x.baris} = ${x.asal}`).join(', ');
    problems.add({
      ...where,
      message:
        `${formatAngka(n)} baris sama persis dengan jawaban yang sudah ada (${list}${n > this.tanpaJam.length ? ', …' : ''}) tetapi tanpa jam, ` +
        'jadi paten tidak dapat memastikan apakah itu unduhan ulang atau responden lain yang menjawab sama. ' +
        'Ulangi dengan --baris-sama lewati (unduhan ulang: jangan simpan lagi) atau --baris-sama simpan (responden berbeda: simpan juga)',
    });
  }
}

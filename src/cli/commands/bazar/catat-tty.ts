/**
 * `paten bazar catat ACARA` on a terminal: walks through the invited agencies with prompts,
 * including services an agency brought on the day. Returns the validated entry (not yet stored).
 */
import type { Db } from '../../../db/index.js';
import { formatTanggalHari } from '../../../core/format.js';
import { requireAcara } from '../../../bazar/acara.js';
import { roster, type RosterBaris } from '../../../bazar/partisipasi.js';
import { LAYANAN_UMUM, layananInstansi, parseJumlah, rencanaCatat, type CatatanInstansi, type RencanaCatat } from '../../../bazar/catat.js';
import { getInstansi, layananKey, namaPendek, type Instansi } from '../../../bazar/instansi.js';
import { info } from '../../output.js';
import { ask, choose, confirm } from '../../prompt.js';

const validJumlah = (v: string) => (v.trim() === '' || typeof parseJumlah(v) === 'number' ? true : String(parseJumlah(v)));

/** Counts for the usual services, those already recorded, then any other service brought today. */
async function askCounts(i: Instansi, r: RosterBaris): Promise<{ nama: string; jumlah: string }[]> {
  const names = i.layanan.length ? i.layanan.map((l) => l.nama) : [LAYANAN_UMUM];
  for (const l of r.layanan) if (!names.some((n) => layananKey(n) === layananKey(l.layanan))) names.push(l.layanan);
  const old = new Map(r.layanan.map((l) => [layananKey(l.layanan), String(l.jumlah)]));
  const out: { nama: string; jumlah: string }[] = [];
  for (const nama of names) {
    const v = await ask(`  ${nama}: warga dilayani`, { default: old.get(layananKey(nama)), validate: validJumlah });
    if (v.trim() !== '') out.push({ nama, jumlah: v });
  }
  for (;;) {
    const known = out.map((l) => l.nama);
    const nama = (
      await ask('  Layanan lain yang dibawa hari ini (kosongkan bila tidak ada):', {
        // A typo of a known service is refused here, before the answers so far could be lost.
        validate: (x) => {
          if (!x.trim()) return true;
          const m = layananInstansi(i, x, known);
          return 'error' in m ? m.error : true;
        },
      })
    ).trim();
    if (!nama) return out;
    if (out.some((l) => layananKey(l.nama) === layananKey(nama))) {
      info(`  ${nama} sudah diisi.`);
      continue;
    }
    const v = await ask(`  ${nama}: warga dilayani`, { validate: (x) => (x.trim() === '' ? 'isi jumlahnya' : validJumlah(x)) });
    out.push({ nama, jumlah: v });
  }
}

export async function walkthrough(db: Db, acaraKey: string): Promise<RencanaCatat | null> {
  const a = requireAcara(db, acaraKey);
  const rows = roster(db, a.id);
  info(`Acara #${a.id} — ${formatTanggalHari(a.tanggal)}, ${a.tempat}: ${rows.length} instansi diundang. Tekan Ctrl+C untuk berhenti tanpa menyimpan.`);
  const items: (CatatanInstansi & { instansi: string })[] = [];
  for (const [n, r] of rows.entries()) {
    const i = getInstansi(db, r.instansi_id);
    const status = await choose(
      `[${n + 1}/${rows.length}] ${namaPendek(i)} (sekarang: ${r.status})`,
      [
        { name: 'hadir', value: 'hadir' },
        { name: 'tidak hadir', value: 'tidak-hadir' },
        { name: 'batal', value: 'batal' },
        { name: 'lewati (biarkan seperti sekarang)', value: '' },
      ],
      // After the day most agencies came: hadir unless something else is already recorded.
      { default: r.status === 'tidak-hadir' || r.status === 'batal' ? r.status : 'hadir' },
    );
    if (!status) continue;
    const item: CatatanInstansi & { instansi: string } = { instansi: i.nama, status };
    if (status === 'hadir') {
      item.petugas = (await ask('  Petugas di lokasi (boleh kosong):', { default: r.petugas ?? undefined })).trim() || null;
      item.layanan = await askCounts(i, r);
    }
    items.push(item);
  }
  if (items.length === 0) return null;
  if (!(await confirm(`Simpan catatan untuk ${items.length} instansi?`, true))) return null;
  return rencanaCatat(db, a.id.toString(), items);
}

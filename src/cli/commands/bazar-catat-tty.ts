/** `paten bazar catat ACARA` on a terminal: walks through the invited agencies with prompts. */
import type { Db } from '../../db/index.js';
import { formatTanggalHari } from '../../core/format.js';
import { catatBanyak, LAYANAN_UMUM, parseJumlah, requireAcara, roster, type CatatanInstansi, type CatatResult } from '../../bazar/acara.js';
import { getInstansi, namaPendek } from '../../bazar/instansi.js';
import { info } from '../output.js';

export async function walkthrough(db: Db, acaraKey: string): Promise<CatatResult | null> {
  const { select, input, confirm } = await import('@inquirer/prompts');
  const a = requireAcara(db, acaraKey);
  const rows = roster(db, a.id);
  info(`Acara #${a.id} — ${formatTanggalHari(a.tanggal)}, ${a.tempat}: ${rows.length} instansi diundang. Tekan Ctrl+C untuk berhenti tanpa menyimpan.`);
  const items: (CatatanInstansi & { instansi: string })[] = [];
  const validJumlah = (v: string) => (v.trim() === '' || typeof parseJumlah(v) === 'number' ? true : String(parseJumlah(v)));
  for (const [n, r] of rows.entries()) {
    const i = getInstansi(db, r.instansi_id);
    const status = await select({
      message: `[${n + 1}/${rows.length}] ${namaPendek(i)} (sekarang: ${r.status})`,
      choices: [
        { name: 'hadir', value: 'hadir' },
        { name: 'tidak hadir', value: 'tidak-hadir' },
        { name: 'batal', value: 'batal' },
        { name: 'lewati (biarkan seperti sekarang)', value: '' },
      ],
      // After the day most agencies came: hadir unless something else is already recorded.
      default: r.status === 'tidak-hadir' || r.status === 'batal' ? r.status : 'hadir',
    });
    if (!status) continue;
    const item: CatatanInstansi & { instansi: string } = { instansi: i.nama, status };
    if (status === 'hadir') {
      item.petugas = (await input({ message: '  Petugas di lokasi (boleh kosong):', default: r.petugas ?? undefined })).trim() || null;
      const names = i.layanan.length ? i.layanan.map((l) => l.nama) : [LAYANAN_UMUM];
      const old = new Map(r.layanan.map((l) => [l.layanan.toLowerCase(), String(l.jumlah)]));
      item.layanan = [];
      for (const nama of names) {
        const v = await input({ message: `  ${nama}: warga dilayani`, default: old.get(nama.toLowerCase()), validate: validJumlah });
        if (v.trim() !== '') item.layanan.push({ nama, jumlah: v });
      }
    }
    items.push(item);
  }
  if (items.length === 0) return null;
  if (!(await confirm({ message: `Simpan catatan untuk ${items.length} instansi?`, default: true }))) return null;
  return catatBanyak(db, a.id.toString(), items);
}

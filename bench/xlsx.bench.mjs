// .xlsx read speed: a survey-sized workbook (100k rows × 22 columns: a date-time, text answers,
// numbers, a free-text saran) written once with write-excel-file, then read with readWorkbook (and
// turned into cell text, as every importer does) against the same data as CSV read by paten's own
// CSV readers in the same process: the streaming survey reader and the whole-file registry reader.
// Figures are ratios to the streaming CSV read, because these machines are noisy.
// ROWS=20000 node bench/xlsx.bench.mjs for a quicker run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { cellText, readWorkbook } from '../dist/core/xlsx.js';
import { readCsvFile, toCsv } from '../dist/core/csv.js';
import { examineFile, streamRecords } from '../dist/survey/csv-stream.js';

const ROWS = Number(process.env.ROWS ?? 100_000);
const COLS = 22;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-xlsx-'));
const LABELS = ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'];

function row(i) {
  const ts = new Date(Date.UTC(2025, 0, 1 + (i % 300), 8 + (i % 9), i % 60, (i * 7) % 60));
  const cells = [ts, i % 2 ? 'Perempuan' : 'Laki-laki', 18 + (i % 50), 'Perekaman KTP-el', `Desa ${i % 20}`];
  for (let u = 0; u < 9; u++) cells.push(LABELS[(i + u * 3) % 4]);
  for (let k = 0; k < 7; k++) cells.push((i * (k + 1)) % 5);
  cells.push(`saran responden ${i}, pelayanan baik`);
  return cells;
}

const header = ['Stempel waktu', 'Jenis Kelamin', 'Usia', 'Layanan', 'Desa', ...Array.from({ length: 9 }, (_, u) => `U${u + 1}`), ...Array.from({ length: 7 }, (_, k) => `X${k + 1}`), 'Saran'];
if (header.length !== COLS) throw new Error('column count');

const t0 = Date.now();
const data = [header];
for (let i = 0; i < ROWS; i++) data.push(row(i).map((v) => (v instanceof Date ? { value: v, format: 'yyyy-mm-dd hh:mm:ss' } : v)));
const xlsx = path.join(dir, 'skm.xlsx');
await writeExcelFile([{ sheet: 'Jawaban', data }]).toFile(xlsx);
const csv = path.join(dir, 'skm.csv');
fs.writeFileSync(csv, toCsv(header, Array.from({ length: ROWS }, (_, i) => row(i).map((v) => (v instanceof Date ? cellText(v) : v)))));
data.length = 0;
console.log(`${ROWS} baris × ${COLS} kolom: .xlsx ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB, CSV ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB (ditulis dalam ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

function ms(t) {
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function xlsxRead() {
  const t = process.hrtime.bigint();
  const [sheet] = await readWorkbook(xlsx);
  let cells = 0;
  for (const r of sheet.rows) for (const v of r) if (cellText(v) !== '') cells++;
  return { ms: ms(t), cells, rows: sheet.rows.length };
}
function csvStream() {
  const t = process.hrtime.bigint();
  let cells = 0;
  let rows = 0;
  streamRecords(examineFile(csv), (values) => {
    rows++;
    for (const v of values) if (v !== '') cells++;
  });
  return { ms: ms(t), cells, rows };
}
function csvWhole() {
  const t = process.hrtime.bigint();
  const table = readCsvFile(csv);
  let cells = 0;
  for (const h of table.header) if (h !== '') cells++;
  for (const r of table.records) for (const v of r.values) if (v !== '') cells++;
  return { ms: ms(t), cells, rows: table.records.length + 1 };
}

const best = { xlsx: Infinity, stream: Infinity, whole: Infinity };
let check;
for (let rep = 0; rep < 2; rep++) {
  global.gc?.();
  const s = csvStream();
  global.gc?.();
  const w = csvWhole();
  global.gc?.();
  const x = await xlsxRead();
  if (x.cells !== s.cells || x.rows !== s.rows || w.cells !== s.cells) throw new Error(`different data: xlsx ${x.rows}/${x.cells}, csv ${s.rows}/${s.cells}, ${w.rows}/${w.cells}`);
  check = x;
  best.xlsx = Math.min(best.xlsx, x.ms);
  best.stream = Math.min(best.stream, s.ms);
  best.whole = Math.min(best.whole, w.ms);
}
const f = (n) => `${(n / 1000).toFixed(2)} s`;
console.log(`sel berisi: ${check.cells} (sama di ketiga pembacaan)`);
console.log(`CSV, pembaca survei (streaming): ${f(best.stream)}  = 1,00×`);
console.log(`CSV, pembaca registri (utuh):    ${f(best.whole)}  = ${(best.whole / best.stream).toFixed(2)}×`);
console.log(`.xlsx, readWorkbook + cellText:  ${f(best.xlsx)}  = ${(best.xlsx / best.stream).toFixed(2)}×`);
console.log(`memori puncak (RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
fs.rmSync(dir, { recursive: true, force: true });

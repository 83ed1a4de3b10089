/**
 * A small .xlsx writer for the workbooks paten hands out to be filled in (the SKM entry sheet):
 * text, numbers and dates, a bold wrapped header, column widths and formats, a frozen header row,
 * and data validation (drop-down lists, number ranges, input prompts), which write-excel-file 4.1.1
 * cannot write. It is plain OOXML in a zip built with node:zlib, so it adds no dependency, and the
 * zip entries carry a fixed date: the same content gives the same bytes.
 */
import zlib from 'node:zlib';

export type XlsxCell = string | number | Date | null;

export interface XlsxValidation {
  /** Cell range, e.g. "H2:H2001". */
  sqref: string;
  type: 'list' | 'whole' | 'date';
  /** list: the values (written inline) or a range on another sheet ("Daftar!$A$2:$A$20"). */
  list?: readonly string[] | string;
  /** whole/date: inclusive bounds (dates as Date). */
  min?: number | Date;
  max?: number | Date;
  /** 'stop' refuses other values; 'warning' lets the user keep them after a question. */
  errorStyle?: 'stop' | 'warning';
  promptTitle?: string;
  prompt?: string;
  error?: string;
}

export interface XlsxColumn {
  width: number;
  /** 'date' formats the whole column as dd/mm/yyyy, so typed dates stay dates. */
  format?: 'date' | 'text';
}

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
  columns?: XlsxColumn[];
  /** First row is a bold, wrapped, framed header (and frozen when `freezeHeader`). */
  header?: boolean;
  freezeHeader?: boolean;
  /** Height of the header row in points (tall headers that wrap). */
  headerHeight?: number;
  validations?: XlsxValidation[];
}

const STYLE = { normal: 0, header: 1, date: 2, wrap: 3, text: 4 } as const;

function esc(s: string): string {
  // Control characters other than tab/newline are not allowed in XML 1.0.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel's serial day number (1900 system) of a calendar date (UTC fields). */
export function excelSerial(d: Date): number {
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(1899, 11, 30)) / 86400000;
}

class SharedStrings {
  readonly list: string[] = [];
  private index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function cellXml(ref: string, v: XlsxCell, style: number, sst: SharedStrings): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === '') return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (v instanceof Date) return `<c r="${ref}" s="${STYLE.date}"><v>${excelSerial(v)}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${sst.id(v)}</v></c>`;
}

function validationXml(v: XlsxValidation): string {
  const attrs = [`type="${v.type}"`, 'allowBlank="1"', 'showInputMessage="1"', 'showErrorMessage="1"'];
  if (v.errorStyle === 'warning') attrs.push('errorStyle="warning"');
  if (v.type !== 'list') attrs.push('operator="between"');
  if (v.promptTitle) attrs.push(`promptTitle="${esc(v.promptTitle.slice(0, 32))}"`);
  if (v.prompt) attrs.push(`prompt="${esc(v.prompt.slice(0, 255))}"`);
  if (v.error) attrs.push(`errorTitle="Isian tidak sesuai"`, `error="${esc(v.error.slice(0, 225))}"`);
  attrs.push(`sqref="${v.sqref}"`);
  const bound = (b: number | Date | undefined) => (b instanceof Date ? excelSerial(b) : (b ?? 0));
  const formulas =
    v.type === 'list'
      ? `<formula1>${typeof v.list === 'string' ? esc(v.list) : `"${esc((v.list ?? []).join(','))}"`}</formula1>`
      : `<formula1>${bound(v.min)}</formula1><formula2>${bound(v.max)}</formula2>`;
  return `<dataValidation ${attrs.join(' ')}>${formulas}</dataValidation>`;
}

function sheetXml(sheet: XlsxSheet, sst: SharedStrings): string {
  const cols = sheet.columns ?? [];
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'];
  parts.push('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">');
  parts.push('<sheetViews><sheetView workbookViewId="0">');
  if (sheet.freezeHeader) parts.push('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>');
  parts.push('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>');
  if (cols.length) {
    parts.push('<cols>');
    cols.forEach((c, i) => {
      const style = c.format === 'date' ? ` style="${STYLE.date}"` : c.format === 'text' ? ` style="${STYLE.text}"` : '';
      parts.push(`<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${style}/>`);
    });
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const isHeader = sheet.header && r === 0;
    const ht = isHeader && sheet.headerHeight ? ` ht="${sheet.headerHeight}" customHeight="1"` : '';
    const cells = row.map((v, c) => cellXml(`${columnName(c)}${r + 1}`, v, isHeader ? STYLE.header : typeof v === 'string' && v.includes('\n') ? STYLE.wrap : 0, sst)).join('');
    parts.push(`<row r="${r + 1}"${ht}>${cells}</row>`);
  });
  parts.push('</sheetData>');
  if (sheet.validations?.length) parts.push(`<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join('')}</dataValidations>`);
  parts.push('<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return parts.join('');
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="medium"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

function workbookFiles(sheets: XlsxSheet[]): [string, string][] {
  const sst = new SharedStrings();
  const sheetFiles = sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s, sst)] as [string, string]);
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const sheetOverrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return [
    [
      '[Content_Types].xml',
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ],
    ['_rels/.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ...sheetFiles,
    ['xl/styles.xml', STYLES_XML],
    [
      'xl/sharedStrings.xml',
      `${head}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.list.length}" uniqueCount="${sst.list.length}">${sst.list.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    ],
  ];
}

// ---------- zip (deflate, fixed dates) ----------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00 in DOS format: the earliest zip date, the same for every file. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function zip(files: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, packed);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(DOS_TIME, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cdir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdir, end]);
}

/** The workbook's bytes (write them with writeFileAtomic). */
export function xlsxBytes(sheets: XlsxSheet[]): Buffer {
  return zip(workbookFiles(sheets));
}

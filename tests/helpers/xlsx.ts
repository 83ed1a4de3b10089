/**
 * Hand-built .xlsx workbooks for tests that need cells write-excel-file cannot write: a grid that
 * starts at C5, merged cells, formulas with and without cached values, error cells, raw date
 * serials. Only the parts read-excel-file needs are written (workbook, rels, styles, strings).
 */
import fs from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface RawSheet {
  name: string;
  /** The inner XML of <sheetData>, e.g. `<row r="5"><c r="C5" t="inlineStr"><is><t>x</t></is></c></row>`. */
  sheetData: string;
  /** Extra XML after </sheetData>, e.g. `<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`. */
  after?: string;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Style 1 is a date-time format, so `<c s="1"><v>45691.5</v></c>` reads as a Date. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';

export function rawXlsxBytes(sheets: RawSheet[], sharedStrings: string[] = []): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
        sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(STYLES),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${sharedStrings.length}">` +
        sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('') +
        '</sst>',
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${s.sheetData}</sheetData>${s.after ?? ''}</worksheet>`,
    );
  });
  return zipSync(files);
}

export function writeRawXlsx(file: string, sheets: RawSheet[], sharedStrings: string[] = []): string {
  fs.writeFileSync(file, rawXlsxBytes(sheets, sharedStrings));
  return file;
}

/** An inline-string cell. */
export function str(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

/** A number cell; style 1 makes it a date-time. */
export function num(ref: string, v: number, style?: 1): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
}

/** The head of an OLE2 compound file (old .xls, or an encrypted .xlsx when `encrypted`). */
export function ole2Bytes(encrypted: boolean): Buffer {
  const head = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head, 0);
  const names = encrypted ? ['EncryptionInfo', 'EncryptedPackage'] : ['Workbook', 'SummaryInformation'];
  names.forEach((n, i) => Buffer.from(n, 'utf16le').copy(head, 1024 + i * 128));
  return head;
}

/** A minimal OpenDocument spreadsheet zip (mimetype first, stored). */
export function odsBytes(): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
  });
}

/** Result of reading one CSV record from text that may still lack its continuation lines. */
export type CsvSplit = { fields: string[] } | { open: true } | { problem: string };

/**
 * Splits one RFC 4180 record. A field that starts with a quote runs to its closing quote ("" is a
 * quote inside it) and may span lines: `open` asks for the next line. A quote inside an unquoted
 * field is kept as text, as spreadsheets write it.
 */
export function splitCsvRecord(text: string, delimiter: string): CsvSplit {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) return { open: true };
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { fields };
      if (text[i] !== delimiter) return { problem: `text after a closing quote at character ${i + 1}` };
      i += 1;
    } else {
      const next = text.indexOf(delimiter, i);
      fields.push(text.slice(i, next < 0 ? n : next));
      if (next < 0) return { fields };
      i = next + 1;
    }
  }
}

// Legal forms as they read once punctuation is gone and single letters are joined ("S.p.A." → "spa").
const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'kg', 'ug',
  'sa', 'sas', 'sarl', 'sl', 'srl', 'spa', 'bv', 'nv', 'ltda', 'pty', 'pvt', 'kk', 'oy', 'ab', 'as', 'aps', 'sro', 'se',
]);

/**
 * A company name reduced to what identifies it: accents folded, lower case, punctuation and legal
 * forms (Inc, Ltd, GmbH, S.A., Pty Ltd, Co., Ltd. ...) removed. "ACME Widgets, Inc." and "Acme
 * Widgets" give the same key. Null when nothing identifying is left ("[not provided]", "Inc.").
 */
export function companyNameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const words = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter((w) => w !== '');
  const tokens: string[] = [];
  let inLetterRun = false;
  for (const word of words) {
    const single = word.length === 1 && word >= 'a' && word <= 'z';
    if (single && inLetterRun) tokens[tokens.length - 1] += word;
    else tokens.push(word);
    inLetterRun = single;
  }
  while (tokens.length > 1 && LEGAL_FORMS.has(tokens[tokens.length - 1]!)) tokens.pop();
  const key = tokens.join(' ');
  if (key === '' || key === 'not provided' || LEGAL_FORMS.has(key)) return null;
  return key;
}

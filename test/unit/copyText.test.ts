import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from '../../src/db/copyText.js';

describe('COPY text encoding', () => {
  it('writes null as \\N and escapes backslash, tab and newlines', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('joins a row with tabs and ends it with a newline', () => {
    expect(copyLine(['x', 3, null])).toBe('x\t3\t\\N\n');
  });
});

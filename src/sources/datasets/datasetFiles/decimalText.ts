/** Plain decimal numbers as the dataset files write them (`1054`, `11.77`, `0.0`, `-3`). */
export function isDecimal(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

/** Whole numbers without sign or decimals (`2822`, `00001`). */
export function isWholeNumber(text: string): boolean {
  return /^\d+$/.test(text);
}

/**
 * The array itself when it holds minLength values, else a copy at least twice as long: amortised
 * O(1) appends while reading a table page by page into typed columns.
 */
export function growFloat64Array(array: Float64Array<ArrayBuffer>, minLength: number): Float64Array<ArrayBuffer> {
  if (array.length >= minLength) return array;
  const next = new Float64Array(Math.max(minLength, array.length * 2));
  next.set(array);
  return next;
}

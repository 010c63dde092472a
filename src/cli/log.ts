/** Progress lines go to stderr so stdout stays the command's result. */
export function log(line: string): void {
  process.stderr.write(`segflow: ${line}\n`);
}

/** Progress on stderr: a line rewritten in place on a terminal, a line every few seconds in CI logs. */
const tty = process.stderr.isTTY === true;
let lastPlain = 0;
let open = false;

export function log(msg: string): void {
  if (open) process.stderr.write('\n');
  open = false;
  process.stderr.write(`${msg}\n`);
}

export function progress(msg: string): void {
  if (tty) {
    process.stderr.write(`\r\x1b[2K${msg}`);
    open = true;
    return;
  }
  const now = Date.now();
  if (now - lastPlain >= 5000) {
    lastPlain = now;
    process.stderr.write(`  … ${msg}\n`);
  }
}

export function endProgress(): void {
  if (open) process.stderr.write('\n');
  open = false;
  lastPlain = 0;
}

/** A terminal progress bar: rows done, rate and ETA; plain lines when not a TTY (CI logs). */
export function progressBar(label: string, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastPlain = 0;
  return {
    update(done: number, total?: number, message?: string) {
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = total && rate > 0 ? Math.max(0, (total - done) / rate) : undefined;
      const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : undefined;
      const bar =
        pct === undefined
          ? ''
          : `[${'#'.repeat(Math.floor(pct / 4)).padEnd(25, '.')}] ${String(pct).padStart(3)}% `;
      const line = `${label} ${bar}${done}${total ? `/${total}` : ''} · ${rate.toFixed(0)}/s${eta !== undefined ? ` · ETA ${eta.toFixed(0)}s` : ''}${message ? ` · ${message}` : ''}`;
      if (out.isTTY)
        out.write(`\r${line.slice(0, (out.columns ?? 120) - 1).padEnd((out.columns ?? 120) - 1)}`);
      else if (Date.now() - lastPlain > 1000 || done === total) {
        lastPlain = Date.now();
        out.write(`${line}\n`);
      }
    },
    done() {
      if (out.isTTY) out.write('\n');
    },
  };
}

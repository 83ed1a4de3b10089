/** A one-line progress indicator on stderr, shown only when stderr is a terminal. */
import { currentInvocation } from './io.js';

export interface Progress {
  tick(done: number, label?: string): void;
  done(): void;
}

export function progress(total: number, title: string): Progress {
  const { io } = currentInvocation();
  const tty = io.isTTY.stderr;
  let last = 0;
  return {
    tick(done: number, label = '') {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const width = 24;
      const fill = Math.round((pct / 100) * width);
      const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
      const text = `${title} ${bar} ${done}/${total} ${label}`.slice(0, (io.columns || 80) - 1);
      io.stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (tty) io.stderr.write('\r\x1b[2K');
    },
  };
}

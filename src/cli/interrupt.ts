/**
 * Ctrl+C as an AbortSignal, for a command that writes many files asynchronously (qr generate): it
 * stops at the next step and removes what it staged, instead of the process ending with half a set
 * written. Only the real process (io.exit) listens for the signals; an in-process run never
 * installs a handler in its host. A second Ctrl+C ends the process at once, as Node does by default.
 */
import { currentInvocation } from './io.js';

export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  if (!currentInvocation().io.exit) return fn(ctl.signal);
  const onSignal = () => ctl.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(ctl.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The error an aborted signal throws (signal.throwIfAborted): main reports it as cancelled, 130. */
export function isAbort(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'AbortError';
}

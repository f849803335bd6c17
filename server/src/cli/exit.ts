/**
 * The end of a command-line run (cliEntry): the exit status is set, and the process exits at once
 * when everything it wrote has left it.
 *
 * Returning to node's event loop instead, the process does not end until V8's pending tasks have
 * run: a large run (the 5 MB document) ends with the old generation near its limit, V8 starts an
 * incremental marking during the output, and node then finishes that full collection (of a heap
 * about to be freed) before it exits: 7-9 ms between the last write and the 'exit' event,
 * measured. Exiting is safe only when no write is still queued in a stream (a pipe is written
 * asynchronously on some systems): otherwise the run ends as before, through the event loop.
 */

/** A stream the run wrote to: its bytes still queued (undefined: it writes synchronously). */
export interface WrittenStream {
  readonly writableLength?: number;
}

export function finishRun(code: number, streams: readonly WrittenStream[], exit: (code: number) => void = process.exit): void {
  process.exitCode = code;
  if (streams.every((s) => !s.writableLength)) exit(code);
}

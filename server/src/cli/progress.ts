/**
 * A progress line on stderr for long runs: shown only when stderr is a terminal and only once a run
 * has taken more than two seconds; rewritten in place, at most every 100 ms, and erased at the end.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export class Progress {
  private shown = false;
  private lastDraw = 0;
  private readonly started: number;

  constructor(
    /** How many letters there are, when known before the run ends (a streamed run does not know). */
    private readonly total: number | undefined,
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
    private readonly delayMs = 2000,
  ) {
    this.started = now();
  }

  /** `done` letters of `total` are checked. */
  update(done: number): void {
    if (!this.stream.isTTY) return;
    const t = this.now();
    if (t - this.started < this.delayMs) return;
    if (this.shown && t - this.lastDraw < 100 && (this.total === undefined || done < this.total)) return;
    this.shown = true;
    this.lastDraw = t;
    this.stream.write(
      `\r\x1b[Kimr-lint: checked ${done}${this.total === undefined ? '' : ` of ${this.total}`} letter${done === 1 && this.total === undefined ? '' : 's'}`,
    );
  }

  /** Erases the line, if it was drawn. */
  end(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * The server's side of the wire, hardened (docs/reliability.md):
 * - FrameParser reads LSP base-protocol frames strictly. A frame the server cannot trust (no
 *   Content-Length, a negative or non-numeric one, header lines ending in LF alone, a body that
 *   is not JSON because the length was wrong) is a FrameError: the stream is out of step and
 *   nothing after it can be read safely, so the server stops with a clear message and the
 *   client restarts it, instead of waiting forever for a header that never comes.
 * - GatedReader answers every request that arrives after `shutdown` with InvalidRequest, as the
 *   LSP requires, without passing it on to the handlers.
 * - diagnosticJsonEncoder writes messages as JSON and remembers each diagnostic's JSON.
 * - FrameWriter writes each message as one frame, header and body in one write.
 * No message ever repeats the bytes it received (they may hold letter text).
 */
import type { Readable, Writable } from 'stream';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type ContentTypeEncoder,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/** The largest message accepted (a letter of several MB fits many times over). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** The largest header block accepted before its blank line. */
export const MAX_HEADER_BYTES = 8192;

export class FrameError extends Error {
  override name = 'FrameError';
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/** Splits a byte stream into JSON-RPC messages; throws FrameError on a frame it cannot trust. */
export class FrameParser {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Body length of the frame being read, or -1 while reading a header. */
  private expected = -1;

  push(data: Buffer): unknown[] {
    this.chunks.push(data);
    this.size += data.length;
    const messages: unknown[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.size === 0) break;
        const buffer = this.take();
        const end = buffer.indexOf(CRLFCRLF);
        const head = buffer.subarray(0, end < 0 ? Math.min(buffer.length, MAX_HEADER_BYTES + 4) : end);
        for (let i = 0; i < head.length; i++) {
          if (head[i] === 0x0a && (i === 0 || head[i - 1] !== 0x0d))
            throw new FrameError('a header line ends with a line feed alone (the protocol needs CR LF)');
        }
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new FrameError(`no end of header within ${MAX_HEADER_BYTES} bytes`);
          break;
        }
        this.expected = contentLength(head.toString('latin1'));
        this.keep(buffer.subarray(end + 4));
      }
      if (this.size < this.expected) break;
      const buffer = this.take();
      const body = buffer.subarray(0, this.expected);
      this.keep(buffer.subarray(this.expected));
      this.expected = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch {
        throw new FrameError('a message body is not valid JSON (its Content-Length does not match the body)');
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new FrameError('a message body is not a JSON-RPC message object');
      messages.push(message);
    }
    return messages;
  }

  /** Buffers held (tests: none once every frame received is read). */
  get heldBuffers(): number {
    return this.chunks.length;
  }

  /**
   * Keeps the bytes after what was read. Nothing when there are none: an empty view of the buffer
   * read would keep all of it (a 5 MB didOpen) until the next message arrives.
   */
  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
  }

  /** The buffered bytes as one buffer. */
  private take(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0];
  }
}

function contentLength(head: string): number {
  let length: number | undefined;
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FrameError('a header line is not "Name: value"');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,10}$/.test(value)) throw new FrameError('the Content-Length header is not a whole number of bytes');
      length = Number(value);
      if (length > MAX_MESSAGE_BYTES) throw new FrameError(`a message of ${length} bytes is larger than the limit of ${MAX_MESSAGE_BYTES} bytes`);
    } else if (name === 'content-type') {
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1].toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new FrameError('the Content-Type asks for a charset other than UTF-8');
    }
  }
  if (length === undefined) throw new FrameError('a header has no Content-Length');
  return length;
}

/** Reads frames from a stream with FrameParser; a FrameError is reported to `onFatal`. */
export class StrictStreamReader extends AbstractMessageReader implements MessageReader {
  private readonly parser = new FrameParser();
  private failed = false;

  constructor(
    private readonly readable: Readable,
    private readonly onFatal: (reason: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => {
      if (this.failed) return;
      let messages: unknown[];
      try {
        messages = this.parser.push(data);
      } catch (error) {
        this.failed = true;
        this.onFatal(error instanceof FrameError ? error.message : `the input could not be read (${(error as Error)?.name ?? 'error'})`);
        return;
      }
      for (const message of messages) callback(message as Message);
    };
    const onError = (error: Error) => this.fireError(new Error(`stdin failed: ${error.name}`));
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
      },
    };
  }
}

/** JSON-RPC error code for a request the server may not take (LSP: requests after shutdown). */
export const INVALID_REQUEST = -32600;
/** JSON-RPC error code for a request whose parameters are wrong. */
export const INVALID_PARAMS = -32602;

/**
 * Passes messages through until a `shutdown` request has gone by; after it, every request is
 * answered with InvalidRequest through `reply` and dropped (notifications, such as `exit`, pass).
 * A request that `refuse` turns down (its method and params) is answered with InvalidParams and
 * dropped: for `initialize`, whose params the library reads before any handler can check them.
 */
export class GatedReader extends AbstractMessageReader implements MessageReader {
  private shutdown = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly reply: (message: Message) => void,
    private readonly refuse: (method: string, params: unknown) => string | undefined = () => undefined,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  get shutdownReceived(): boolean {
    return this.shutdown;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const m = message as { id?: unknown; method?: unknown; params?: unknown };
      const isRequest = typeof m.method === 'string' && (typeof m.id === 'number' || typeof m.id === 'string');
      const answer = (code: number, text: string) => this.reply({ jsonrpc: '2.0', id: m.id, error: { code, message: text } } as Message);
      if (isRequest && this.shutdown) {
        answer(INVALID_REQUEST, `The server has been shut down: '${m.method}' is refused; only the exit notification is accepted.`);
        return;
      }
      const refused = isRequest ? this.refuse(m.method as string, m.params) : undefined;
      if (refused !== undefined) {
        answer(INVALID_PARAMS, `${m.method as string}: ${refused}`);
        return;
      }
      if (isRequest && m.method === 'shutdown') this.shutdown = true;
      callback(message);
    });
  }

  override dispose(): void {
    this.inner.dispose();
    super.dispose();
  }
}

/** Stands for the diagnostics while the rest of a message is serialised (a string no JSON of ours holds). */
const DIAGNOSTICS_MARK = '\u0000imr-lint diagnostics\u0000';
const DIAGNOSTICS_MARK_JSON = JSON.stringify(DIAGNOSTICS_MARK);

/** The diagnostics array of a pull answer (`result.items`) or of a push (`params.diagnostics`), or undefined. */
function diagnosticsIn(message: Message): { holder: Record<string, unknown>; key: string; list: unknown[] } | undefined {
  const m = message as { result?: unknown; method?: unknown; params?: unknown };
  const result = m.result as Record<string, unknown> | null | undefined;
  if (typeof result === 'object' && result !== null && Array.isArray(result.items)) return { holder: result, key: 'items', list: result.items };
  const params = m.params as Record<string, unknown> | null | undefined;
  if (m.method === 'textDocument/publishDiagnostics' && typeof params === 'object' && params !== null && Array.isArray(params.diagnostics))
    return { holder: params, key: 'diagnostics', list: params.diagnostics };
  return undefined;
}

const header = (length: number) => `Content-Length: ${length}\r\n\r\n`;

/** `json` as UTF-8; with `framed`, behind its header, in one buffer. */
function bytes(json: string, framed: boolean): Buffer {
  if (!framed) return Buffer.from(json, 'utf8');
  const length = Buffer.byteLength(json, 'utf8');
  const head = header(length);
  const frame = Buffer.allocUnsafe(head.length + length);
  frame.write(head, 0, 'latin1');
  frame.write(json, head.length, 'utf8');
  return frame;
}

/**
 * The JSON encoder of the stdio writer (vscode-jsonrpc's MessageWriterOptions): the bytes of the
 * library's JSON, except that each diagnostic object's UTF-8 JSON is remembered (by the object,
 * weakly) and the message is assembled from those bytes. The service hands back the same
 * Diagnostic for a problem an edit did not change, so the 2,500 diagnostics (1.2 MB) of a 5 MB
 * letter are neither serialised nor encoded again on every keystroke, only copied.
 */
export function diagnosticJsonEncoder(): ContentTypeEncoder & { serialised: number; frame(message: Message): Buffer } {
  const known = new WeakMap<object, Buffer>();
  const comma = Buffer.from(',');
  const encoder = {
    name: 'application/json',
    /** Diagnostics serialised so far (tests count them). */
    serialised: 0,
    /** The message as one base-protocol frame, header and body, at once (FrameWriter). */
    frame: (message: Message): Buffer => encode(message, true),
    encode(message: Message): Promise<Uint8Array> {
      try {
        return Promise.resolve(encode(message));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
  const bytesOf = (diagnostic: unknown): Buffer => {
    if (typeof diagnostic !== 'object' || diagnostic === null) return Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
    let bytes = known.get(diagnostic);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(diagnostic), 'utf8');
      encoder.serialised++;
      known.set(diagnostic, bytes);
    }
    return bytes;
  };
  /** The message's UTF-8 JSON; with `framed`, behind its base-protocol header, in the same buffer (one allocation). */
  function encode(message: Message, framed = false): Buffer {
    const found = diagnosticsIn(message);
    if (!found || found.list.length === 0) return bytes(JSON.stringify(message), framed);
    // The message with a mark in place of the list, then the list's remembered bytes put in its place.
    const { holder, key, list } = found;
    holder[key] = DIAGNOSTICS_MARK;
    let shell: string;
    try {
      shell = JSON.stringify(message);
    } finally {
      holder[key] = list;
    }
    const at = shell.indexOf(DIAGNOSTICS_MARK_JSON);
    // A client could send a uri or id holding the mark: then the plain way.
    if (at !== shell.lastIndexOf(DIAGNOSTICS_MARK_JSON)) return bytes(JSON.stringify(message), framed);
    const parts: Buffer[] = [Buffer.from(`${shell.slice(0, at)}[`, 'utf8')];
    // Index loops: this runs for every answer to a keystroke, often before V8 has optimised it,
    // and unoptimised code allocates for a for-of's iterator results and a callback's arguments.
    for (let i = 0; i < list.length; i++) {
      if (i > 0) parts.push(comma);
      parts.push(bytesOf(list[i]));
    }
    parts.push(Buffer.from(`]${shell.slice(at + DIAGNOSTICS_MARK_JSON.length)}`, 'utf8'));
    let length = 0;
    for (let i = 0; i < parts.length; i++) length += parts[i].length;
    if (framed) parts.unshift(Buffer.from(header(length), 'latin1'));
    return Buffer.concat(parts);
  }
  return encoder;
}

/**
 * The stdio writer: each message as one frame in one write, synchronously. The library's
 * StreamMessageWriter writes the header and the body in two writes (two system calls on a pipe,
 * and the editor may wake up for the header alone) after several promise turns; an answer to a
 * keystroke is mostly that wire time (docs/engine.md, "The wire"). Messages go out in the order
 * they are written, since nothing waits between encoding and writing.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  /** Frames written (tests count the writes). */
  writes = 0;

  constructor(
    private readonly writable: Writable,
    private readonly encoder: { frame(message: Message): Buffer } = diagnosticJsonEncoder(),
  ) {
    super();
    writable.on('error', (error: Error) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = this.encoder.frame(message);
    } catch (error) {
      this.fireError(error, message, ++this.errorCount);
      return Promise.reject(error);
    }
    this.writes++;
    return new Promise((resolve, reject) => {
      this.writable.write(frame, (error) => {
        if (error === undefined || error === null) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.writable.end();
  }
}

#!/usr/bin/env node
// The language server's own costs over stdio, measured the way an editor drives it (never in tests):
//   node scripts/lsp-perf.js open    [--docs 200]        open N ~15 KB letters, pull every diagnostic: time, RSS
//   node scripts/lsp-perf.js big     [--mb 5]            didOpen one big document -> diagnostics: time, peak RSS
//   node scripts/lsp-perf.js bigedit [--mb 5 --edits 25] didOpen a big document, then edits at its end (issue 13)
//   node scripts/lsp-perf.js edit    [--edits 200]       a word inserted in a ~15 KB letter, one edit at a time
//   node scripts/lsp-perf.js keystroke [--edits 200]     the bench's latency workload: its ~15 KB letter, 20 untimed
//                                                        then N timed words inserted in rationale lines (its seed);
//                                                        --pause MS waits MS between edits (a user typing)
// Options: --server FILE (default dist/server.js), --letters DIR (default ../shared/letters, else
// examples/), --push (push diagnostics instead of pull), --result-ids (pull with previousResultId, as
// VS Code does: unchanged diagnostics are answered as such), --node-arg ARG (e.g. --cpu-prof), --reps K
// (runs, each in a new server; the minimum of each figure is printed).
// Times run from writing the notification to the last byte of the answer (as the bench does).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { loadLetters, benchLetters, isBreak } = require('./bench-letters');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const scenario = args[0] && !args[0].startsWith('--') ? args[0] : 'open';
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const nodeArgs = args.flatMap((a, i) => (a === '--node-arg' ? [args[i + 1]] : []));
const serverFile = path.resolve(option('--server', path.join(root, 'dist', 'server.js')));
const push = args.includes('--push');
const resultIds = args.includes('--result-ids');
const reps = Number(option('--reps', '1'));

// Letters: every .txt/.imr file of the folder, made unique as the bench makes them (bench-letters.js).
const letters = loadLetters(option('--letters', undefined));
const { benchLetter, document } = benchLetters(letters);

class Client {
  constructor() {
    this.proc = spawn(process.execPath, [...nodeArgs, serverFile, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.id = 0;
    this.pending = new Map();
    this.waiters = [];
    this.buffer = Buffer.alloc(0);
    this.proc.stdout.on('data', (data) => this.read(data));
  }
  read(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      const t = performance.now();
      if (message.method && message.id !== undefined)
        this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [{}] : null });
      else if (message.method === 'window/logMessage') process.stderr.write(`server: ${message.params.message}\n`);
      else if (message.method === 'textDocument/publishDiagnostics') {
        const waiting = this.waiters.filter((w) => w.uri === message.params.uri && (message.params.version ?? w.version) >= w.version);
        this.waiters = this.waiters.filter((w) => !waiting.includes(w));
        for (const w of waiting) w.resolve({ t, n: message.params.diagnostics.length });
      } else if (message.id !== undefined && this.pending.has(message.id)) {
        this.pending.get(message.id)({ t, message });
        this.pending.delete(message.id);
      }
    }
  }
  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }
  request(method, params) {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }
  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }
  async initialize() {
    const t0 = performance.now();
    const diagnostic = push ? undefined : { dynamicRegistration: false };
    const r = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, diagnostic },
      },
    });
    this.notify('initialized', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    return r.t - t0;
  }
  /** The diagnostics of `uri` at `version`: pulled, or the push of that version. */
  diagnostics(uri, version) {
    if (!push) {
      // --result-ids: as VS Code does, the last resultId goes back as previousResultId ("unchanged" answers).
      this.reports ??= new Map();
      const last = resultIds ? this.reports.get(uri) : undefined;
      return this.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: last?.resultId }).then((r) => {
        const report = r.message.result;
        const n = report.kind === 'unchanged' && last ? last.n : report.items.length;
        this.reports.set(uri, { resultId: report.resultId, n });
        this.unchanged = (this.unchanged ?? 0) + (report.kind === 'unchanged' ? 1 : 0);
        return { t: r.t, n };
      });
    }
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }
  /** Sends a notification, then waits for the diagnostics of `uri` at `version` (a pull request goes after it). */
  after(notify, uri, version) {
    if (!push) {
      notify();
      return this.diagnostics(uri, version);
    }
    const answer = this.diagnostics(uri, version);
    notify();
    return answer;
  }
  /** The server's CPU time so far (user + system, ms; 10 ms ticks): steadier than wall time on a busy machine. */
  cpu() {
    const fields = fs
      .readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }
  /** CPU time of the server's main thread alone (ms, ns resolution; Linux schedstat): V8's helper threads left out. */
  mainCpu() {
    return Number(fs.readFileSync(`/proc/${this.proc.pid}/task/${this.proc.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  }
  memory() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }
  async close() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((resolve) => this.proc.on('exit', resolve));
  }
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const uriOf = (name) => `file:///tmp/lsp-perf/${name}.imr`;
const open = (c, uri, text) => c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'imr', version: 1, text } });
const openAndDiagnose = (c, uri, text) => c.after(() => open(c, uri, text), uri, 1);

const pauseMs = Number(option('--pause', '0'));
async function editRun(c, text, edits, at, warmup = 0) {
  const uri = uriOf('edited');
  const t0 = performance.now();
  const opened = await openAndDiagnose(c, uri, text);
  const openMs = opened.t - t0;
  const times = [];
  let cpu0 = c.cpu();
  let main0 = c.mainCpu();
  for (let v = 2; v <= warmup + edits + 1; v++) {
    const { position, insert } = at(v);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    if (v === warmup + 2) {
      cpu0 = c.cpu();
      main0 = c.mainCpu();
    }
    const start = performance.now();
    const change = () =>
      c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: position, end: position }, text: insert }] });
    const t = (await c.after(change, uri, v)).t - start;
    if (v >= warmup + 2) times.push(t);
  }
  return { openMs, times, cpuPerEdit: (c.cpu() - cpu0) / edits, mainCpuPerEdit: (c.mainCpu() - main0) / edits };
}

/** mulberry32, as the bench seeds its edits. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** The bench's latency edits (../shared/tools/bench, makeEdits): a word inserted at a word boundary of a random rationale line. */
function rationaleEdits(text, count, seed) {
  const lines = text.split('\n');
  const rl = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\f?Decision rationale:/.test(lines[i])) continue;
    for (let j = i; j < lines.length && (j === i || !isBreak(lines[j])); j++) if (lines[j].split(' ').length > 5) rl.push(j);
  }
  const WORDS = ['also', 'further', 'clearly', 'currently', 'reportedly', 'previously', 'still', 'again', 'notably', 'likewise'];
  const rnd = prng(seed);
  const edits = [];
  for (let e = 0; e < count; e++) {
    const L = rl[Math.floor(rnd() * rl.length)];
    const s = lines[L];
    const sp = [];
    for (let ch = 1; ch < s.length - 1; ch++) if (s[ch] === ' ' && s[ch + 1] !== ' ') sp.push(ch + 1);
    const ch = sp[Math.floor(rnd() * sp.length)];
    const word = WORDS[e % WORDS.length] + ' ';
    lines[L] = s.slice(0, ch) + word + s.slice(ch);
    edits.push({ position: { line: L, character: ch }, insert: word });
  }
  return edits;
}

async function run() {
  const c = new Client();
  const result = { ready: await c.initialize() };
  if (scenario === 'open') {
    const docs = Array.from({ length: Number(option('--docs', '200')) }, (_, i) => benchLetter(i, 100000 + i));
    const cpu0 = c.cpu();
    const t0 = performance.now();
    const answers = push ? docs.map((_, i) => c.diagnostics(uriOf(`letter-${i}`), 1)) : [];
    docs.forEach((text, i) => open(c, uriOf(`letter-${i}`), text));
    if (!push) docs.forEach((_, i) => answers.push(c.diagnostics(uriOf(`letter-${i}`), 1)));
    const got = await Promise.all(answers);
    result.openAll = Math.max(...got.map((g) => g.t)) - t0;
    result.cpu = c.cpu() - cpu0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    Object.assign(result, c.memory());
  } else if (scenario === 'big') {
    const text = document(Number(option('--mb', '5')) * 1e6, 1);
    const uri = uriOf('big');
    const cpu0 = c.cpu();
    const t0 = performance.now();
    const got = await openAndDiagnose(c, uri, text);
    result.open = got.t - t0;
    result.cpu = c.cpu() - cpu0;
    result.diagnostics = got.n;
    Object.assign(result, c.memory());
  } else if (scenario === 'keystroke') {
    const text = benchLetter(0, 100000);
    const edits = Number(option('--edits', '200'));
    const warmup = 20;
    const list = rationaleEdits(text, warmup + edits, 1234);
    const { openMs, times, cpuPerEdit, mainCpuPerEdit } = await editRun(c, text, edits, (v) => list[v - 2], warmup);
    const sorted = [...times].sort((a, b) => a - b);
    Object.assign(
      result,
      {
        open: openMs,
        cpuPerEdit,
        mainCpuPerEdit,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: sorted[sorted.length - 3],
        max: sorted[sorted.length - 1],
        ...(resultIds ? { unchanged: c.unchanged ?? 0 } : {}),
      },
      c.memory(),
    );
  } else {
    const big = scenario === 'bigedit';
    const text = big ? document(Number(option('--mb', '5')) * 1e6, 1) : document(15000, 7);
    const lines = text.split('\n');
    const words = ['also ', 'further ', 'clearly ', 'still '];
    const edits = Number(option('--edits', big ? '25' : '200'));
    // bigedit: typing at the end of the last line; edit: a word inserted at the start of a line in the middle.
    const last = lines.length - 1;
    let column = lines[last].length;
    const at = big
      ? (v) => {
          const insert = words[v % words.length];
          const position = { line: last, character: column };
          column += insert.length;
          return { position, insert };
        }
      : (v) => ({ position: { line: Math.floor(lines.length / 2) + (v % 7), character: 0 }, insert: words[v % words.length] });
    const { openMs, times, cpuPerEdit } = await editRun(c, text, edits, at);
    Object.assign(
      result,
      { open: openMs, cpuPerEdit, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: Math.max(...times) },
      c.memory(),
    );
  }
  await c.close();
  return result;
}

(async () => {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await run());
  const best = {};
  for (const key of Object.keys(runs[0])) best[key] = Math.min(...runs.map((r) => r[key]));
  const shown = Object.entries(best).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(k === 'rss' || k === 'peak' ? 1 : 2)}`);
  console.log(`${scenario} (${push ? 'push' : 'pull'}, ${reps} run${reps > 1 ? 's' : ''}, min): ${shown.join(', ')}  [ms; rss/peak MB]`);
})();

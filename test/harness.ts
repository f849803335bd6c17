/** Helpers the CLI and protocol tests share: run the CLI in-process, wait for a condition, stop a server. */
import type { ChildProcess } from 'child_process';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { main, type CliDependencies } from '../server/src/cli';
import { repoRoot } from './util';

/** Runs the CLI in-process in `cwd`; `outCalls` lists each write to stdout. */
export function runCli(args: string[], cwd = repoRoot, deps: CliDependencies = {}): { code: number; out: string; err: string; outCalls: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = main(
      args,
      (s) => out.push(s),
      (s) => err.push(s),
      deps,
    );
    return { code, out: out.join('\n'), err: err.join('\n'), outCalls: out };
  } finally {
    process.chdir(previous);
  }
}

/** Polls `check` every 10 ms until it gives a value (never a fixed sleep). */
export function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Shuts a server down the LSP way (shutdown, exit) and gives its exit code. */
export async function stopServer(s: { child: ChildProcess; connection: ProtocolConnection }): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  const code = await exited;
  s.connection.dispose();
  return code;
}

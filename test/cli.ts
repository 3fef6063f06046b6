import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Database } from '../src/platform/db.ts';

/** The command line as operators run it: the bin, in a child process, with only the environment given. */
export const ROOT = path.resolve(import.meta.dirname, '..');
export const BIN = path.join(ROOT, 'bin/mitmachnetz.js');
/** Time for one command on a busy machine, where opening the embedded database takes a while. */
export const SLOW = 180_000;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'warn', LANG: 'de_DE.UTF-8', ...env },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ...out })));
  return { child, out, exited };
}

/** Runs one command to its end (killed when it takes longer than SLOW allows). */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { child, exited } = spawnCli(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), SLOW - 5000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A number read from a database of a command's instance, while no command runs on it. */
export async function countRows(open: () => Promise<Database>, sql: string): Promise<number> {
  const database = await open();
  try {
    const { rows } = await database.query<{ n: number }>(sql);
    return Number(rows[0]?.n);
  } finally {
    database.pool?.on('error', () => undefined);
    await database.close();
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server as its own process (`server/server.ts`, as `npm start` runs it) on a given data directory and
 * port, for tests of what survives a crash: it can be killed with SIGKILL and started again on the same data.
 * Node runs the TypeScript through tsx's loader in the same process, so the pid killed is the server itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcess {
  base: string;
  pid: number;
  /** SIGKILL, resolved once the process is gone (no-op when it already is). */
  kill(): Promise<void>;
}

/** A loopback port free right now (the server is started on it, and again on it after a kill). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function startServerProcess(options: { dataDir: string; questionnaireDir: string; port: number }): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DSD_DATA_DIR: options.dataDir,
      DSD_QUESTIONNAIRE_DIR: options.questionnaireDir,
      DSD_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`server did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('数安诊断已启动')) {
        clearTimeout(timer);
        resolve({ base: `http://127.0.0.1:${options.port}`, pid: child.pid!, kill });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

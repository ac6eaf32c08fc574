import type { Writable } from 'node:stream';

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** stdout; the caller adds newlines. */
  out: (text: string) => void;
  /** stderr; the caller adds newlines. */
  err: (text: string) => void;
  /** stdout is a terminal: `run` redraws a status line, logs are human lines. */
  isTTY: boolean;
  /** stdout as a stream, for output too large to hand over as strings (`export -o -`). */
  stdout?: Writable;
  /** stderr is a terminal: `export` draws a progress bar there. */
  stderrIsTTY?: boolean;
  /** Where a command asks for confirmation (`erase`); absent: nobody to ask, as without a TTY. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Resolves on the first SIGINT/SIGTERM (handlers are installed on the first call). */
  waitForStop: () => Promise<string>;
}

/** The real process: a second signal while stopping exits at once with code 130. */
export function processIo(): CliIo {
  let stop: Promise<string> | undefined;
  return {
    env: process.env,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stdout: process.stdout,
    stderrIsTTY: process.stderr.isTTY === true,
    stdin: process.stdin,
    waitForStop() {
      stop ??= new Promise<string>((resolve) => {
        let received = 0;
        const onSignal = (signal: NodeJS.Signals): void => {
          received += 1;
          if (received === 1) resolve(signal);
          else {
            process.stderr.write(`\n${signal} again: exiting without a clean shutdown\n`);
            process.exit(130);
          }
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      return stop;
    },
  };
}

// The in-process runner behind tests/helpers/cli.ts: a worker thread that imports the built CLI
// once and runs `main(argv, io)` for each request with captured streams. The test thread waits on
// a shared flag (Atomics.wait), so `paten()` stays synchronous for the tests while each call costs
// milliseconds instead of a new Node process.
import { Readable, Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

const { main } = await import(workerData.mainUrl);
const port = workerData.port;

function capture(chunks) {
  return new Writable({
    write(chunk, _enc, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
}

let current = null;

// A fault the CLI did not catch (it would have ended a real process with a stack trace) fails the
// call that caused it instead of killing the runner.
function fail(e) {
  if (!current) return;
  const c = current;
  current = null;
  c.reply({ code: -2, stdout: c.out.join(''), stderr: c.err.join('') + `\n[in-process] uncaught: ${e?.stack ?? e}\n` });
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

parentPort.on('message', async (req) => {
  const flag = new Int32Array(req.flag);
  const out = [];
  const err = [];
  const reply = (result) => {
    port.postMessage(result);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  current = { out, err, reply };
  const io = {
    stdout: capture(out),
    stderr: capture(err),
    stdin: Readable.from(req.input ? [req.input] : []),
    env: req.env,
    isTTY: { stdin: false, stdout: false, stderr: false, ...req.isTTY },
    columns: 80,
  };
  let code;
  try {
    code = await main(req.args, io);
  } catch (e) {
    code = -2;
    err.push(`\n[in-process] main threw: ${e?.stack ?? e}\n`);
  }
  if (current?.reply !== reply) return; // already failed by an uncaught fault
  current = null;
  reply({ code, stdout: out.join(''), stderr: err.join('') });
});

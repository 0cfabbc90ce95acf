import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { request } from './helpers';

const CLI = path.resolve(__dirname, '../../sandbox/cli.js');

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function firstLine(r: Run, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!r.stdout().includes('\n')) {
    if (Date.now() > deadline) throw new Error(`no line on stdout; stderr: ${r.stderr()}`);
    if (r.child.exitCode !== null) throw new Error(`cli exited ${r.child.exitCode}: ${r.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return r.stdout().split('\n')[0] ?? '';
}

suite('sandbox: CLI', function () {
  test('prints exactly one JSON line with the connection details, and exits cleanly on SIGTERM', async () => {
    const r = run(['--port', '0', '--services', '25', '--seed', '1', '--latency', '5']);
    try {
      const info = JSON.parse(await firstLine(r)) as Record<string, string>;
      assert.deepEqual(Object.keys(info), ['url', 'caCertPath', 'applicationKey', 'applicationSecret', 'consumerKey', 'clientId', 'clientSecret', 'tokenUrl']);
      assert.match(info.url ?? '', /^https:\/\/127\.0\.0\.1:\d+\/1\.0$/);
      assert.ok(info.caCertPath?.endsWith(path.join('test', 'sandbox', 'certs', 'ca.crt')));
      const time = await request(`${info.url}/auth/time`);
      assert.equal(time.status, 200);
      const origin = (info.url ?? '').replace(/\/1\.0$/, '');
      assert.equal(info.tokenUrl, `${origin}/auth/`);
    } finally {
      r.child.kill('SIGTERM');
    }
    assert.equal(await r.exit, 0);
    assert.equal(r.stdout().split('\n').filter(Boolean).length, 1, 'nothing else on stdout');
  });

  test('the same seed gives the same keys', async () => {
    const a = run(['--port', '0', '--services', '3', '--seed', '9']);
    const b = run(['--port=0', '--services=3', '--seed=9']);
    try {
      const [x, y] = await Promise.all([firstLine(a), firstLine(b)]);
      const strip = (line: string) => ({ ...(JSON.parse(line) as Record<string, string>), url: '', tokenUrl: '' });
      assert.deepEqual(strip(x), strip(y));
    } finally {
      a.child.kill('SIGINT');
      b.child.kill('SIGINT');
    }
    assert.deepEqual(await Promise.all([a.exit, b.exit]), [0, 0]);
  });

  for (const args of [['--port', 'abc'], ['--services'], ['--bogus'], ['--port', '70000']]) {
    test(`bad arguments exit 2: ${args.join(' ')}`, async () => {
      const r = run(args);
      assert.equal(await r.exit, 2);
      assert.equal(r.stdout(), '');
      assert.match(r.stderr(), /sandbox: /);
    });
  }
});

// `npm test`: every test layer of scripts/layers.mjs, each started as soon as the stages it
// needs have passed (lint, types, the build and the unit tests overlap; code-server is
// provisioned while the unit tests run; two workbench stages run side by side, the two
// longest layers in two parts each: see scripts/layers.mjs). No new
// stage starts after a failure. One stage's output streams live; the others' is held and
// printed whole when they end, so a log never interleaves two stages.
// Then the time of each stage (also in test-results/timings.json), and last one closing
// line "N passed, N failed" summed over the mocha runs and the budget check.
// When a layer fails, its failing tests and where their screenshots and logs are
// follow, so a CI log alone tells what broke.
// `npm test -- unit e2e` runs only the stages whose names start with those words, in order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stages as layers } from './layers.mjs';
import { describeFailure, resultsRoot, runCommand } from './runLayer.mjs';

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const workbenchLimit = Math.max(1, Number(process.env.OVHCLOUD_TEST_WORKBENCHES) || 2);

// Mocha's spec reporter ends each run with "N passing", "N failing" and "N pending";
// the budget check ends with "N passed, N failed".
function count(line) {
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  const budgets = /^(\d+) passed, (\d+) failed$/.exec(plain.trim());
  if (budgets) {
    totals.passed += Number(budgets[1]);
    totals.failed += Number(budgets[2]);
    return;
  }
  const match = /^\s*(\d+) (passing|failing|pending)\b/.exec(plain);
  if (!match) return;
  const n = Number(match[1]);
  if (match[2] === 'passing') totals.passed += n;
  else if (match[2] === 'failing') totals.failed += n;
  else totals.skipped += n;
}

const selected = only.length > 0 ? layers.filter((layer) => only.some((word) => layer.name.startsWith(word))) : layers;
const names = new Set(selected.map((layer) => layer.name));
// With a selection, stages run one after another in the listed order, needs or not.
const needsOf = (layer, index) => (only.length > 0 ? (index > 0 ? [selected[index - 1].name] : []) : (layer.needs ?? []).filter((name) => names.has(name)));

const startedAt = Date.now();
const seconds = (ms) => Math.round(ms / 100) / 10;
/** name → { layer, state: waiting|running|passed|failed|skipped, start, end, code, held: string[] } */
const stages = new Map(selected.map((layer, index) => [layer.name, { layer, needs: needsOf(layer, index), state: 'waiting', held: [] }]));
let foreground; // the stage whose output streams live
let failure; // the first stage that failed

function header(stage) {
  return `\n=== ${stage.layer.name}: ${stage.layer.command}\n`;
}

function write(stage, text) {
  if (foreground === stage) process.stdout.write(text);
  else stage.held.push(text);
}

/** The next stage to stream: a finished one's held output is printed whole, a running one's continues live. */
function promote() {
  foreground = undefined;
  for (const stage of stages.values()) {
    if ((stage.state === 'passed' || stage.state === 'failed') && stage.held.length > 0) {
      process.stdout.write(stage.held.join(''));
      stage.held = [];
    }
  }
  const next = [...stages.values()].find((stage) => stage.state === 'running');
  if (next) {
    foreground = next;
    process.stdout.write(next.held.join(''));
    next.held = [];
  }
}

function run(stage) {
  stage.state = 'running';
  stage.start = Date.now();
  if (!foreground) foreground = stage;
  write(stage, header(stage));
  const sink = { write: (chunk) => write(stage, chunk.toString('utf8')) };
  return runCommand(stage.layer.command, { onLine: count, stdout: sink, stderr: sink }).then((code) => {
    stage.end = Date.now();
    stage.code = code;
    stage.state = code === 0 ? 'passed' : 'failed';
    write(stage, `\n=== ${stage.layer.name}: ${code === 0 ? 'passed' : `failed with exit code ${code}`} after ${seconds(stage.end - stage.start)} s\n`);
    if (code !== 0) {
      failure ??= stage;
      if (stage.layer.results) write(stage, describeFailure(stage.layer.results));
    }
    if (foreground === stage) promote();
  });
}

const running = new Set();
for (;;) {
  if (!failure) {
    const busy = [...stages.values()].filter((stage) => stage.state === 'running' && stage.layer.workbench).length;
    let workbenches = busy;
    for (const stage of stages.values()) {
      if (stage.state !== 'waiting') continue;
      if (!stage.needs.every((name) => stages.get(name).state === 'passed')) continue;
      if (stage.layer.workbench && workbenches >= workbenchLimit) continue;
      if (stage.layer.workbench) workbenches++;
      const promise = run(stage).then(() => running.delete(promise));
      running.add(promise);
    }
  }
  if (running.size === 0) break;
  await Promise.race(running);
}
promote();

// Stages that never started (after a failure) are listed as skipped.
for (const stage of stages.values()) if (stage.state === 'waiting') stage.state = 'skipped';
const timings = {
  startedAt: new Date(startedAt).toISOString(),
  totalSeconds: seconds(Date.now() - startedAt),
  workbenchLimit,
  stages: [...stages.values()].map((stage) => ({
    name: stage.layer.name,
    state: stage.state,
    ...(stage.start === undefined ? {} : { startSeconds: seconds(stage.start - startedAt), seconds: seconds(stage.end - stage.start) }),
  })),
};
fs.mkdirSync(resultsRoot, { recursive: true });
fs.writeFileSync(path.join(resultsRoot, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
const width = Math.max(...timings.stages.map((stage) => stage.name.length));
process.stdout.write(`\n=== time per stage (start → end, seconds since npm test began; test-results/timings.json)\n`);
for (const stage of timings.stages) {
  const span =
    stage.seconds === undefined
      ? ''
      : `${String(stage.startSeconds).padStart(6)} → ${String(Math.round((stage.startSeconds + stage.seconds) * 10) / 10).padEnd(6)}`;
  process.stdout.write(`  ${stage.name.padEnd(width)}  ${String(stage.seconds ?? '-').padStart(6)} s  ${span}  ${stage.state}\n`);
}
process.stdout.write(`  ${'total (wall clock)'.padEnd(width)}  ${String(timings.totalSeconds).padStart(6)} s\n`);

if (failure && totals.failed === 0) totals.failed = 1;
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(failure ? failure.code : 0);

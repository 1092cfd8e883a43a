// 90 seconds at 200 connections on the home page, a content page and search: no errors at all except counted
// 503s of load shedding, /healthz keeps answering, and the server stops cleanly afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { formatSoak, runSoak } from '../../bench/soak/soak.ts';

const haveWrk = spawnSync('wrk', ['--version']).error === undefined;

test('90 s at 200 connections: only counted 503s of load shedding', {
  timeout: 900_000,
  skip: haveWrk ? false : 'wrk is not installed (apt-get install wrk)',
}, async (t) => {
  const result = await runSoak({ seconds: 90, connections: 200, log: (l) => t.diagnostic(l) });
  for (const line of formatSoak(result).split('\n')) t.diagnostic(line);
  assert.ok(result.requests > 0);
  assert.equal(
    result.unexpected,
    0,
    `unexpected answers: ${JSON.stringify(result.statuses)} ${JSON.stringify(result.socketErrors)}`,
  );
  assert.equal(result.healthz.failed, 0, '/healthz answered 200 throughout');
  assert.equal(result.serverExit, 0);
});

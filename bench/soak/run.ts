// npm run bench:soak — ten minutes at 200 connections on the home page, a content page and search (the demo site,
// one worker per core), /healthz probed twice a second. Options (environment): SOAK_SECONDS (600),
// SOAK_CONNECTIONS (200), GOVPORTAL_WORKERS for the server (default: one per CPU). Prints the figures for the README.
import os from 'node:os';
import { formatSoak, runSoak } from './soak.ts';

const result = await runSoak({
  seconds: Number(process.env.SOAK_SECONDS ?? 600),
  connections: Number(process.env.SOAK_CONNECTIONS ?? 200),
  workers: Number(process.env.GOVPORTAL_WORKERS || os.availableParallelism()),
  log: (line) => process.stderr.write(`${line}\n`),
});
console.log(formatSoak(result));
process.exitCode = result.unexpected === 0 && result.serverExit === 0 ? 0 : 1;

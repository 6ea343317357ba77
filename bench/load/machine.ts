/** The facts a reader needs to weigh the figures: what ran them, on what. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import pg from 'pg';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  ramGiB: number;
  kernel: string;
  node: string;
  openFilesLimit: string;
  postgres: string;
  redis: string;
  date: string;
  /** 1-minute load average when the run started: other work on a shared machine shows here. */
  loadAtStart: number;
}

function openFilesLimit(): string {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
  return match ? `${match[1]} (soft), ${match[2]} (hard)` : 'unknown';
}

function redisVersion(): string {
  try {
    const out = execFileSync('redis-server', ['--version'], { encoding: 'utf8' });
    return /v=(\S+)/.exec(out)?.[1] ?? out.trim();
  } catch {
    return 'not run';
  }
}

async function postgresVersion(url: string | null): Promise<string> {
  if (!url) return 'not run';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

export const loadAtStart = loadavg()[0] ?? 0;

export async function machineFacts(postgresUrl: string | null, usedRedis: boolean): Promise<MachineFacts> {
  const cpuList = cpus();
  return {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    openFilesLimit: openFilesLimit(),
    postgres: await postgresVersion(postgresUrl),
    redis: usedRedis ? redisVersion() : 'not run',
    date: new Date().toISOString(),
    loadAtStart,
  };
}

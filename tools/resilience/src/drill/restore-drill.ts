import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import pg from 'pg';
import { stopWatched } from '../fleet/child-process.js';
import { buildServiceBundle, type ServiceInstance, startInstance } from '../fleet/service-instances.js';
import { cpuLayout, pinProcess } from '../host/cpu-pinning.js';
import { startMixedLoad } from '../load/mixed-load.js';
import {
  chownTree,
  copyLiveTree,
  type DrillPostgres,
  postgresOwner,
  startDrillPostgres,
} from './archiving-postgres.js';

const DATABASE = 'drill';

export interface DrillOptions {
  /** Writes before the base backup starts, and between its end and the restore target. */
  writeSeconds: number;
  /** Concurrent writers. */
  writers: number;
  /** WAL segment switch at least this often: how old the newest archived change can be. */
  archiveTimeoutSeconds: number;
}

export interface DrillResult {
  /** Acknowledged before the restore target, and missing after the restore: the RPO in writes. */
  missingWrites: number;
  acknowledgedBeforeTarget: number;
  /** Sent after the target and present anyway: the restore did not stop at the target. */
  presentAfterTarget: number;
  acknowledgedAfterTarget: number;
  /** From the decision to restore to a ready service answering from the restored database. */
  rtoMs: number;
  phases: { copyMs: number; recoveryMs: number; serviceMs: number };
  backup: { ms: number; megabytes: number; writesDuring: number };
  archivedSegments: number;
  archiveTimeoutSeconds: number;
}

const query = async <T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
};

/** Files a base backup leaves out: the WAL (the archive has it) and what only a running server uses. */
const NOT_IN_BACKUP =
  /^(postmaster\.(pid|opts)|pg_wal\/.+|pg_replslot\/.+|pg_stat_tmp\/.+|pg_dynshmem\/.+|pg_notify\/.+|pg_serial\/.+|pg_snapshots\/.+|pg_subtrans\/.+)$/;

/**
 * The drill, end to end:
 * 1. a primary with WAL archiving, the service on it, and writers acknowledging creates;
 * 2. a base backup while they write (pg_backup_start, a copy of the live files, pg_backup_stop);
 * 3. more writes, a restore target chosen in the middle of them, more writes after it;
 * 4. the primary is lost; the clock starts: the backup is copied into a fresh cluster that
 *    replays the archive up to the target and is promoted, and the service starts on it;
 * 5. the clock stops when the service answers ready and serves a user; every acknowledged write is
 *    looked up in the restored database.
 */
export async function runRestoreDrill(
  options: DrillOptions,
  log: (line: string) => void = console.log,
): Promise<DrillResult> {
  const root = mkdtempSync(join(tmpdir(), 'slipway-drill-'));
  const owner = postgresOwner();
  const archiveDir = join(root, 'archive');
  mkdirSync(archiveDir, { mode: 0o700 });
  chownTree(root, owner);
  const layout = cpuLayout();
  pinProcess(process.pid, layout.load);
  let primary: DrillPostgres | undefined;
  let restored: DrillPostgres | undefined;
  const instances: ServiceInstance[] = [];
  try {
    buildServiceBundle();
    primary = await startDrillPostgres(
      join(root, 'primary'),
      [
        '-c',
        'wal_level=replica',
        '-c',
        'archive_mode=on',
        '-c',
        `archive_command=test ! -f ${archiveDir}/%f && cp %p ${archiveDir}/%f`,
        '-c',
        `archive_timeout=${options.archiveTimeoutSeconds}`,
      ],
      { initialise: true, cpus: layout.servers },
    );
    await primary.server.createDatabase(DATABASE);
    const token = 'drill-token-drill-token-drill-token-0001';
    const settings = { API_TOKENS: token, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn' as const };
    const service = await startInstance({ ...settings, DATABASE_URL: primary.url(DATABASE) }, layout.servers);
    instances.push(service);
    const load = startMixedLoad({
      url: service.url,
      token,
      concurrency: options.writers,
      writeShare: 1,
      maxDurationMs: 10 * options.writeSeconds * 1000 + 60_000,
      maxRequests: 10_000_000,
    });
    await sleep(options.writeSeconds * 1000);

    // The base backup, while the writers go on.
    log('base backup (pg_backup_start, copy, pg_backup_stop) while the load writes');
    const backupDir = join(root, 'backup');
    const backupStarted = performance.now();
    const writesBefore = load.acknowledged.size;
    const admin = new pg.Client(primary.url('postgres'));
    await admin.connect();
    await admin.query("select pg_backup_start('slipway drill', true)");
    const bytes = copyLiveTree(primary.dataDir, backupDir, (rel) => NOT_IN_BACKUP.test(rel));
    const [stop] = (
      await admin.query<{ labelfile: string; spcmapfile: string | null }>(
        'select labelfile, spcmapfile from pg_backup_stop(true)',
      )
    ).rows;
    await admin.end();
    writeFileSync(join(backupDir, 'backup_label'), stop!.labelfile);
    if (stop!.spcmapfile) writeFileSync(join(backupDir, 'tablespace_map'), stop!.spcmapfile);
    const backupMs = performance.now() - backupStarted;
    const writesDuringBackup = load.acknowledged.size - writesBefore;

    // The point in time to restore to, in the middle of the writes.
    await sleep((options.writeSeconds * 1000) / 2);
    const target = new Date();
    await sleep((options.writeSeconds * 1000) / 2);
    await load.stop();
    // WAL up to the target is archived within archive_timeout; wait for it as an operator would
    // check pg_stat_archiver before counting on a target.
    await sleep(options.archiveTimeoutSeconds * 1000 + 500);
    const [{ archived_count: archived } = { archived_count: '0' }] = await query<{ archived_count: string }>(
      primary.url('postgres'),
      'select archived_count from pg_stat_archiver',
    );

    // The primary is lost.
    await stopWatched(service.process);
    await primary.stop();
    primary = undefined;

    log(`restore to ${target.toISOString()} into a fresh cluster`);
    const restoreStarted = performance.now();
    const restoreDir = join(root, 'restored');
    copyLiveTree(backupDir, restoreDir, () => false);
    mkdirSync(join(restoreDir, 'pg_wal', 'archive_status'), { recursive: true });
    writeFileSync(join(restoreDir, 'recovery.signal'), '');
    chownTree(restoreDir, owner);
    const copied = performance.now();
    restored = await startDrillPostgres(
      restoreDir,
      [
        '-c',
        'archive_mode=off',
        '-c',
        `restore_command=cp ${archiveDir}/%f %p`,
        '-c',
        // PostgreSQL's timestamp syntax: a space for the T, +00 for the Z.
        `recovery_target_time=${target.toISOString().replace('T', ' ').replace('Z', '+00')}`,
        '-c',
        'recovery_target_action=promote',
      ],
      { initialise: false, cpus: layout.servers },
    );
    const recovered = performance.now();
    const fresh = await startInstance({ ...settings, DATABASE_URL: restored.url(DATABASE) }, layout.servers);
    instances.push(fresh);
    const anyUser = [...load.acknowledged.values()].find((u) => u.createdAt < target.getTime());
    const read = await fetch(`${fresh.url}${PATHS.users}/${anyUser?.id}`);
    const ready = performance.now();
    if (read.status !== 200)
      throw new Error(
        `the restored service answered ${read.status} for a user acknowledged before the target`,
      );

    const users = [...load.acknowledged.values()];
    const found = new Set(
      (await query<{ id: string }>(restored.url(DATABASE), 'select id from users')).map((row) => row.id),
    );
    const before = users.filter((u) => u.createdAt < target.getTime());
    const after = users.filter((u) => u.sentAt > target.getTime());
    return {
      missingWrites: before.filter((u) => !found.has(u.id)).length,
      acknowledgedBeforeTarget: before.length,
      presentAfterTarget: after.filter((u) => found.has(u.id)).length,
      acknowledgedAfterTarget: after.length,
      rtoMs: Math.round(ready - restoreStarted),
      phases: {
        copyMs: Math.round(copied - restoreStarted),
        recoveryMs: Math.round(recovered - copied),
        serviceMs: Math.round(ready - recovered),
      },
      backup: {
        ms: Math.round(backupMs),
        megabytes: Math.round(bytes / 1e5) / 10,
        writesDuring: writesDuringBackup,
      },
      archivedSegments: Number(archived),
      archiveTimeoutSeconds: options.archiveTimeoutSeconds,
    };
  } finally {
    await Promise.all(instances.map((i) => stopWatched(i.process)));
    await restored?.stop().catch(() => {});
    await primary?.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

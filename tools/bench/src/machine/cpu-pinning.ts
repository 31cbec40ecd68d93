/**
 * Which CPU runs what. The load generator gets a CPU of its own and every server (with the database
 * it uses) the other one, so the generator never steals the server's core and the figures describe
 * the server alone. taskset (util-linux) sets the affinity; Node has no API for it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuPlan {
  /** The CPU wrk runs on. */
  load: number;
  /** The CPU every server and PostgreSQL run on. */
  server: number;
}

/** Parses a kernel CPU list such as `0-1` or `0,2-3`. */
export function parseCpuList(list: string): number[] {
  return list
    .trim()
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
}

/** The CPUs this process may run on (its affinity, which a container or taskset may narrow). */
export function allowedCpus(): number[] {
  const status = readFileSync('/proc/self/status', 'utf8');
  const list = /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1];
  if (list === undefined)
    throw new Error('cannot read Cpus_allowed_list from /proc/self/status (Linux only)');
  return parseCpuList(list);
}

/** The first allowed CPU for the load generator, the second for the servers. */
export function planCpus(cpus: number[] = allowedCpus()): CpuPlan {
  const [load, server] = cpus;
  if (load === undefined || server === undefined) {
    throw new Error(
      `the benchmark needs 2 CPUs, one for the load generator and one for the server, but this process may only use CPU ${cpus.join(', ')}: run it on a machine (or container) with at least 2 CPUs`,
    );
  }
  return { load, server };
}

/** `command args` started on `cpu` only: [program, arguments] for spawn/execFile. */
export function pinnedCommand(cpu: number, command: string, args: string[]): [string, string[]] {
  return ['taskset', ['--cpu-list', String(cpu), command, ...args]];
}

/** The parent of every process, from /proc. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces; the parent pid is the 2nd field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while the list was read.
    }
  }
  return parents;
}

/** `pid` and its descendants. */
export function processTree(pid: number): number[] {
  const parents = parentsByPid();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/**
 * Moves a running process tree (every thread) onto `cpu`. Children it forks later inherit the
 * affinity, which is how PostgreSQL's per-connection backends land on the server's CPU.
 */
export function pinProcessTree(pid: number, cpu: number): void {
  for (const member of processTree(pid)) {
    execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', String(cpu), String(member)], {
      stdio: 'ignore',
    });
  }
}

/** The child process of this one whose command line has `marker` as an argument (e.g. a port). */
export function childProcessWithArgument(name: string, marker: string): number | undefined {
  for (const pid of processTree(process.pid).slice(1)) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith(`/${name}`) && argv.includes(marker)) return pid;
    } catch {
      // Ended meanwhile.
    }
  }
  return undefined;
}

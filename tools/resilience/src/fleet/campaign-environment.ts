import { randomBytes } from 'node:crypto';
import { configSchema } from '@slipway/contract';
import { type CpuLayout, cpuLayout, pinProcess } from '../host/cpu-pinning.js';
import { type CampaignDatabase, startCampaignDatabase } from './campaign-database.js';
import { stopWatched } from './child-process.js';
import { type DelayProxy, startDelayProxy } from './delay-proxy.js';
import { type LoadBalancer, startHaproxy } from './haproxy.js';
import {
  buildServiceBundle,
  type ServiceInstance,
  type ServiceSettings,
  startInstance,
} from './service-instances.js';

/** The database bounds the service ships with (the schema's defaults); the scenarios check them. */
const defaultOf = (name: 'DB_CONNECT_TIMEOUT_MS' | 'DB_QUERY_TIMEOUT_MS') =>
  (configSchema.properties[name] as unknown as { default: number }).default;
export const DB_CONNECT_TIMEOUT_MS = defaultOf('DB_CONNECT_TIMEOUT_MS');
export const DB_QUERY_TIMEOUT_MS = defaultOf('DB_QUERY_TIMEOUT_MS');
/** Longer than HAProxy needs to see a failed readiness check (fall × inter) and stop routing. */
export const DRAIN_SECONDS = 3;

/**
 * Everything the campaign runs against, started by the campaign itself: a real PostgreSQL, a TCP
 * delay proxy in front of it (the network between service and database), several instances of
 * the bundled service, and HAProxy in front of them. The load generator is this process, pinned
 * to its own CPU.
 */
export interface CampaignEnvironment {
  layout: CpuLayout;
  database: CampaignDatabase;
  proxy: DelayProxy;
  balancer: LoadBalancer;
  /** The instances registered with the load balancer now. */
  instances: ServiceInstance[];
  token: string;
  settings: ServiceSettings;
  /** Starts an instance, waits until it is ready, registers it with the load balancer. */
  addInstance(): Promise<ServiceInstance>;
  /** Sends `signal` to an instance the campaign means to end; its exit is then not a fault. */
  retire(instance: ServiceInstance, signal: NodeJS.Signals): void;
  /** Deregisters an instance from the load balancer and the list. */
  forget(instance: ServiceInstance): Promise<void>;
  /** Instances that exited without being asked to, with their last output. */
  unexpectedExits(): string[];
  stop(): Promise<void>;
}

export async function startCampaignEnvironment(instanceCount: number): Promise<CampaignEnvironment> {
  const layout = cpuLayout();
  // The load generator (this process) keeps its CPU; everything started below is moved off it.
  pinProcess(process.pid, layout.load);
  buildServiceBundle();
  const database = await startCampaignDatabase();
  await database.pin(layout.servers);
  const proxy = await startDelayProxy(database.port, layout.servers);
  const databaseUrl = new URL(database.url);
  databaseUrl.port = String(proxy.port);
  const token = randomBytes(32).toString('base64url');
  const settings: ServiceSettings = {
    DATABASE_URL: databaseUrl.toString(),
    API_TOKENS: token,
    // Shared by every instance: a page cursor from one instance is valid on another.
    SECRET_KEY: randomBytes(32).toString('base64url'),
    // All load comes from one loopback address; rate limiting is tested on its own elsewhere.
    RATE_LIMIT_MAX: '0',
    SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    LOG_LEVEL: 'warn',
  };
  const all: ServiceInstance[] = [];
  const retired = new Set<ServiceInstance>();
  const instances: ServiceInstance[] = [];
  let balancer: LoadBalancer | undefined;

  const start = async () => {
    const instance = await startInstance(settings, layout.servers);
    all.push(instance);
    return instance;
  };
  try {
    // allSettled: when one instance fails to start, the others are still stopped below.
    const started = await Promise.allSettled(Array.from({ length: instanceCount }, start));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    instances.push(...all);
    balancer = await startHaproxy(
      instances.map((i) => ({ name: i.name, port: i.port })),
      layout.servers,
    );
  } catch (error) {
    await Promise.all(all.map((i) => stopWatched(i.process)));
    await proxy.close();
    await database.stop();
    throw error;
  }
  const lb = balancer;
  return {
    layout,
    database,
    proxy,
    balancer: lb,
    instances,
    token,
    settings,
    async addInstance() {
      const instance = await start();
      await lb.addServer({ name: instance.name, port: instance.port });
      instances.push(instance);
      return instance;
    },
    retire(instance, signal) {
      retired.add(instance);
      instance.process.child.kill(signal);
    },
    async forget(instance) {
      await lb.removeServer(instance.name);
      instances.splice(instances.indexOf(instance), 1);
    },
    unexpectedExits() {
      return all
        .filter((i) => !i.process.isRunning() && !retired.has(i))
        .map(
          (i) =>
            `${i.name} exited (${i.process.child.exitCode ?? i.process.child.signalCode}): ${i.process.output.slice(-3).join(' | ')}`,
        );
    },
    async stop() {
      await lb.stop();
      await Promise.all(all.map((i) => stopWatched(i.process)));
      await proxy.close();
      await database.stop();
    },
  };
}

/** The Debian binaries the lab runs, for describeWithTool (skipped on a laptop, required in CI). */
import { toolAvailable } from '@slipway/testing';
import { ALERTMANAGER_BINARY } from './alertmanager-process.js';
import { AMTOOL_BINARY } from './amtool.js';

const prometheus = toolAvailable('prometheus', ['--version']);
const alertmanager = toolAvailable(ALERTMANAGER_BINARY, ['--version']);
const amtool = toolAvailable(AMTOOL_BINARY, ['--version']);

export const PROMETHEUS_AND_ALERTMANAGER = {
  available: prometheus && alertmanager,
  reason: [
    prometheus ? '' : 'the prometheus server is not installed (apt-get install prometheus)',
    alertmanager ? '' : 'alertmanager is not installed (apt-get install prometheus-alertmanager)',
  ]
    .filter(Boolean)
    .join('; '),
};

export const ALERTMANAGER_AND_AMTOOL = {
  available: alertmanager && amtool,
  reason: 'alertmanager and amtool are not installed (apt-get install prometheus-alertmanager)',
};

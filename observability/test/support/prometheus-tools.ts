/** Debian's `prometheus` package provides both binaries; CI installs it. */
import { toolAvailable } from '@slipway/testing';

export const promtool = {
  available: toolAvailable('promtool', ['--version']),
  reason: 'promtool is not installed (apt-get install prometheus)',
};

export const prometheusServer = {
  available: toolAvailable('prometheus', ['--version']),
  reason: 'the prometheus server is not installed (apt-get install prometheus)',
};

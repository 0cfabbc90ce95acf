import * as os from 'node:os';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  /** One-minute load average when the run started and when it ended: how busy the machine was besides the bench. */
  readonly loadAverage: readonly [number, number];
}

export function machine(loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: [loadAtStart, os.loadavg()[0] ?? 0],
  };
}

export function currentLoad(): number {
  return os.loadavg()[0] ?? 0;
}

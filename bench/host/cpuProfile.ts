import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';

/** Set to a folder to get a V8 CPU profile of each timed activation and first command (open it in Chrome DevTools or VS Code). */
export const CPU_PROFILE_ENV = 'OVHCLOUD_BENCH_CPU_PROFILE';

/**
 * Profiles the extension host's main thread while `work` runs, when CPU_PROFILE_ENV names
 * a folder; otherwise runs `work` alone. The profiler slows what it watches (about 2×):
 * timings of a profiled run are not comparable with the bench's own.
 */
export async function withCpuProfile<T>(name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env[CPU_PROFILE_ENV];
  if (!folder) return work();
  const session = new inspector.Session();
  session.connect();
  const post = <R>(method: string, params: object = {}): Promise<R> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as R))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  }
}

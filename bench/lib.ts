/** What the benchmarks share: their command-line options and a seeded random source, so every run measures the same work. */

/** The number after `--name` on the command line, or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

export { mulberry32 } from '../server/domain/random.js';

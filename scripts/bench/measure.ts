/** Peak resident memory of this process (worker threads included), in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? 0;
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

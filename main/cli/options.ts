import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../shared/errors';

export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`${name} must be a whole number between 0 and ${max}.`);
    return n;
  };
}

export function isoInstant(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('Use an ISO 8601 date or instant, e.g. 2026-11-25 or 2026-11-25T18:00:00Z.');
  return t;
}

/** A command that prints a listing as JSON or as text for people (`--format`, text by default). */
export function listingCommand<T>(cmd: Command, items: readonly T[], textOf: (item: T) => string): Command {
  return cmd.option('--format <format>', 'json or text', 'text').action((o: { format: string }) => {
    if (o.format !== 'json' && o.format !== 'text') throw new AppError('VALIDATION', '--format must be json or text.');
    process.stdout.write(o.format === 'json' ? `${JSON.stringify(items)}\n` : items.map(textOf).join(''));
  });
}

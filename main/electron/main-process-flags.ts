/**
 * V8 flags the Electron main process needs. They only take effect on the command line: V8 reads them
 * when the process's heap is set up, and `v8.setFlagsFromString` later was measured not to stop the
 * idle GCs (bench:idle). `npm start` passes them; an installed app started from the Start menu, the
 * Dock or a desktop file does not, so the shell starts itself once more with them (see main.ts).
 */
export const MAIN_PROCESS_JS_FLAGS = ['--no-memory-reducer'] as const;

/** Set on the relaunched process: if the flags still did not arrive, it runs without them rather than relaunching forever. */
export const RELAUNCHED_ENV = 'CLOUDBANK_RELAUNCHED_WITH_JS_FLAGS';

const JS_FLAGS = '--js-flags=';

/**
 * The arguments to start again with when `argv` (process.argv: executable first) lacks one of the
 * flags, or null when nothing is missing or this process is already the relaunched one. Flags the user
 * gave in their own `--js-flags` are kept, with the missing ones added to the same switch (Chromium
 * reads only one).
 */
export function relaunchArgsForJsFlags(argv: readonly string[], env: NodeJS.ProcessEnv): string[] | null {
  if (env[RELAUNCHED_ENV] === '1') return null;
  const args = argv.slice(1);
  const at = args.findIndex((a) => a.startsWith(JS_FLAGS));
  const given = at === -1 ? [] : (args[at] ?? '').slice(JS_FLAGS.length).split(/\s+/).filter(Boolean);
  const missing = MAIN_PROCESS_JS_FLAGS.filter((f) => !given.includes(f));
  if (missing.length === 0) return null;
  const merged = `${JS_FLAGS}${[...given, ...missing].join(' ')}`;
  return at === -1 ? [merged, ...args] : args.map((a, i) => (i === at ? merged : a));
}

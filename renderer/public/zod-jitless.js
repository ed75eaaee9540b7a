// A classic script, run before the app's module scripts (which are deferred), so before zod is evaluated:
// zod reads this object when its core module loads and decides per schema, as each is built, whether to
// compile parsers with `new Function`. The contract's schemas are built while the app's chunks load,
// before renderer/src/zod-config.ts's z.config() call can run, so each build probed `new Function` and
// the CSP (no eval) reported a script-src violation on every start: noise that would hide a real injection.
globalThis.__zod_globalConfig = Object.assign({}, globalThis.__zod_globalConfig, { jitless: true });

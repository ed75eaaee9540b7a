/**
 * The few browser globals the specs touch inside page.evaluate. The root tsconfig type-checks Node
 * code without the DOM library (so main/ cannot use `window` by accident); the callbacks cast
 * `globalThis` to this instead. Type-only: nothing here exists at run time.
 */
export interface ScriptElementLike {
  textContent: string | null;
}

export interface PageGlobals {
  document: {
    createElement(tag: 'script'): ScriptElementLike;
    head: { appendChild(node: ScriptElementLike): unknown };
    addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string }) => void, options?: { once?: boolean }): void;
  };
  open(url: string, target?: string): { closed: boolean } | null;
  opener: unknown;
  /** Set by the injected inline script if it ever runs. */
  cloudbankInjected?: boolean;
}

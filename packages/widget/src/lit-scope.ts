/**
 * What Lit's modules see as `globalThis` in the widget bundles (build.ts swaps it in): reads fall
 * through to the page's real global (trustedTypes, ShadyCSS, litNonce), writes stay here. Lit
 * otherwise leaves `litPropertyMetadata` and three version arrays on the host page's window, and
 * a polite guest adds only `Parley`.
 */
const own: Record<PropertyKey, unknown> = {};

export const litScope = new Proxy(own, {
  get: (target, key) => (key in target ? target[key] : Reflect.get(window, key)),
}) as typeof globalThis;

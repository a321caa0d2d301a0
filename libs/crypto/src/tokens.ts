/** Injection token for the resolved master keyring and blind-index key. */
export const KEY_MATERIAL = Symbol('KEY_MATERIAL');

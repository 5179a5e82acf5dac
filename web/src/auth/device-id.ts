/**
 * A random id for this browser, sent as `deviceFingerprint` at login so that identity recognises the device
 * ("new device" alerts, the devices list). Not a secret and not derived from the browser's traits: it says
 * nothing about the person, and clearing site data makes a new one.
 */
const KEY = 'cbp.deviceId';

export function deviceId(): string | undefined {
  try {
    let id = globalThis.localStorage?.getItem(KEY) ?? null;
    if (!id) {
      id = globalThis.crypto.randomUUID();
      globalThis.localStorage?.setItem(KEY, id);
    }
    return id;
  } catch {
    return undefined; // storage disabled: identity falls back to the user agent
  }
}

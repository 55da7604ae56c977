/**
 * Keys this user has verified, remembered across calls (trust on first use,
 * as SSH and Signal do). Parley has no accounts, so a key is known by its
 * certificate fingerprint, and the display name the user verified it under is
 * what ties a later call to that person: someone using a verified person's
 * name with another key is a key change, and is warned about before their
 * media shows. docs/security.md explains the choice.
 */

/** What the user knows about one link's key. */
export type Trust = 'verified' | 'unverified' | 'changed';

interface VerifiedKey {
  fingerprint: string;
  name: string;
}

const STORAGE_KEY = 'parley.verifiedKeys';

export class TrustStore {
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'>;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage) {
    this.storage = storage;
  }

  /** Verified if this key was verified; changed if only another key was verified under this name. */
  trustOf(name: string, fingerprint: string): Trust {
    const keys = this.read();
    if (keys.some((key) => key.fingerprint === fingerprint)) return 'verified';
    return keys.some((key) => key.name === name) ? 'changed' : 'unverified';
  }

  /** Remembers this key as verified for this name, replacing any older key under the name. */
  verify(name: string, fingerprint: string): void {
    this.write([...this.forget(name, fingerprint), { name, fingerprint }]);
  }

  /** Forgets this key and any key verified under this name: the person is unverified again. */
  reset(name: string, fingerprint: string): void {
    this.write(this.forget(name, fingerprint));
  }

  private forget(name: string, fingerprint: string): VerifiedKey[] {
    return this.read().filter((key) => key.name !== name && key.fingerprint !== fingerprint);
  }

  private read(): VerifiedKey[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isVerifiedKey) : [];
    } catch {
      return [];
    }
  }

  private write(keys: VerifiedKey[]): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(keys));
  }
}

function isVerifiedKey(value: unknown): value is VerifiedKey {
  const key = value as Partial<VerifiedKey> | null;
  return typeof key?.fingerprint === 'string' && typeof key.name === 'string';
}

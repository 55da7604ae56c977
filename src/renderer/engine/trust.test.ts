import { describe, expect, it } from 'vitest';
import { TrustStore } from './trust';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('TrustStore', () => {
  it('starts unverified; a verified key stays verified in a new store on the same storage', () => {
    const storage = memoryStorage();
    expect(new TrustStore(storage).trustOf('Bob', 'AA')).toBe('unverified');
    new TrustStore(storage).verify('Bob', 'AA');
    expect(new TrustStore(storage).trustOf('Bob', 'AA')).toBe('verified');
  });

  it('says a verified name with another key changed, and a stranger is unverified', () => {
    const store = new TrustStore(memoryStorage());
    store.verify('Bob', 'AA');
    expect(store.trustOf('Bob', 'BB')).toBe('changed');
    expect(store.trustOf('Carol', 'CC')).toBe('unverified');
    // The key is what was verified: under another name it is still the same device.
    expect(store.trustOf('Robert', 'AA')).toBe('verified');
  });

  it('verifying the new key replaces the old one; reset forgets the name and the key', () => {
    const store = new TrustStore(memoryStorage());
    store.verify('Bob', 'AA');
    store.verify('Bob', 'BB');
    expect(store.trustOf('Bob', 'AA')).toBe('changed');
    expect(store.trustOf('Bob', 'BB')).toBe('verified');
    store.reset('Bob', 'BB');
    expect(store.trustOf('Bob', 'BB')).toBe('unverified');
  });

  it('reads damaged storage as nothing verified', () => {
    const storage = memoryStorage();
    storage.setItem('parley.verifiedKeys', '{not json');
    expect(new TrustStore(storage).trustOf('Bob', 'AA')).toBe('unverified');
  });
});

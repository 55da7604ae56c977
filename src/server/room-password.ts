/**
 * Room passwords: kept as a salted scrypt hash (slow on purpose, so a stolen state file or a
 * guessing client gets little per try), compared in constant time, hashed off the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordHash {
  salt: string;
  hash: string;
}

// ~16 MiB and some tens of ms per guess: costly to brute-force, cheap for one honest join.
const SCRYPT: ScryptOptions = { N: 16_384, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(salt: string, password: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('base64url');
  return { salt, hash: (await derive(salt, password)).toString('base64url') };
}

export async function passwordMatches(stored: PasswordHash, password: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64url');
  const actual = await derive(stored.salt, password);
  // A stored hash of another length (a damaged hand-off) matches nothing, rather than throwing.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Room passwords are kept salted and hashed, and compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface PasswordHash {
  salt: string;
  hash: string;
}

function digest(salt: string, password: string): Buffer {
  return createHash('sha256').update(salt).update('\0').update(password).digest();
}

export function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(16).toString('base64url');
  return { salt, hash: digest(salt, password).toString('base64url') };
}

export function passwordMatches(stored: PasswordHash, password: string): boolean {
  return timingSafeEqual(digest(stored.salt, password), Buffer.from(stored.hash, 'base64url'));
}

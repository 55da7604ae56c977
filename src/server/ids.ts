import { randomBytes } from 'node:crypto';

/** A random url-safe id of `bytes` bytes of entropy (16 bytes → 22 chars). */
export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

import type { ErrorCode } from '../shared/protocol';

/** A request the server refuses: becomes an `error` message with the request's `rid`. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

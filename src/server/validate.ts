/** Turns untrusted socket text into a client message, or the error code that refuses it. */
import type { z } from 'zod';
import {
  PROTOCOL_VERSION,
  clientMessageSchema,
  type ClientMessage,
  type ErrorCode,
} from '../shared/protocol';

type Validated =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ErrorCode; message: string; rid: string | undefined };

// One schema per type, looked up directly: also tells an unknown type from a malformed known one.
const schemaByType = new Map<string, z.ZodType<ClientMessage>>(
  clientMessageSchema.options.map((option) => [option.shape.type.value, option]),
);

function refuse(code: ErrorCode, message: string, rid?: unknown): Validated {
  return { ok: false, code, message, rid: typeof rid === 'string' && rid.length <= 64 ? rid : undefined };
}

export function validateClientMessage(text: string): Validated {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('bad_json', 'The message is not valid JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse('invalid_message', 'A message must be a JSON object.');
  }
  const { v, type, rid } = data as Record<string, unknown>;
  if (v !== PROTOCOL_VERSION) {
    return refuse('unsupported_version', `This server speaks protocol version ${PROTOCOL_VERSION}.`, rid);
  }
  if (typeof type !== 'string') return refuse('invalid_message', 'A message needs a string "type".', rid);
  const schema = schemaByType.get(type);
  if (!schema) return refuse('unknown_type', `Unknown message type "${type.slice(0, 64)}".`, rid);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return refuse(
      'invalid_message',
      `Invalid "${type}" message: ${where}${issue?.message ?? 'malformed'}`,
      rid,
    );
  }
  return { ok: true, message: result.data };
}

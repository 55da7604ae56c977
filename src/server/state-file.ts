/**
 * The hand-off across a restart: sessions and rooms written on a restarting
 * shutdown, read back on start, so clients resume with the same ids and rooms.
 * It holds only hashes (resume tokens, room passwords) and is readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { Hub } from './hub';
import type { Logger } from './logger';
import type { Session } from './session';

const stateSchema = z.object({
  version: z.literal(2),
  sessions: z.array(
    z.object({ peerId: z.string(), name: z.string(), tokenHash: z.string(), visible: z.boolean() }),
  ),
  rooms: z.array(
    z.object({
      id: z.string(),
      password: z.object({ salt: z.string(), hash: z.string() }).nullable(),
      members: z.array(z.string()),
    }),
  ),
});
type State = z.infer<typeof stateSchema>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snapshot(hub: Hub): State {
  return {
    version: 2,
    sessions: [...hub.sessions.all()].map((session) => ({
      peerId: session.peerId,
      name: session.peer.name,
      tokenHash: session.tokenHash,
      visible: session.visible,
    })),
    rooms: [...hub.rooms.all()]
      .filter((room) => room.callId === null)
      .map((room) => ({
        id: room.id,
        password: room.password,
        members: [...room.members].map((member) => member.peerId),
      })),
  };
}

/**
 * Writes the hub's sessions and rooms (ringing calls are not handed over). A failure is logged,
 * not thrown: the shutdown goes on, and clients start afresh.
 */
export async function saveState(file: string, hub: Hub, log: Logger): Promise<void> {
  // A fresh name opened exclusively (O_EXCL: never an existing file or a planted symlink), owner
  // only from its first byte; then a rename, so a crash mid-write never leaves half a file to load.
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(snapshot(hub)));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    log.error({ err: error, file }, 'state file not written: clients will start afresh');
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Loads a hand-off into `hub` as detached sessions (each in its grace period), then deletes the file. */
export async function loadState(file: string, hub: Hub, log: Logger): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return; // No hand-off: a cold start.
  }
  await rm(file, { force: true });
  const parsed = stateSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    log.error({ file }, 'ignoring unreadable state file');
    return;
  }
  const sessions = new Map<string, Session>();
  for (const saved of parsed.data.sessions) {
    const session = hub.sessions.restore(saved.peerId, saved.name, saved.tokenHash);
    if (saved.visible) hub.restoreVisible(session);
    sessions.set(saved.peerId, session);
  }
  for (const saved of parsed.data.rooms) {
    const room = hub.rooms.create(saved.password, saved.id);
    for (const peerId of saved.members) {
      const session = sessions.get(peerId);
      if (!session) continue;
      room.members.add(session);
      session.rooms.add(room.id);
    }
  }
  for (const session of sessions.values()) hub.detach(session);
  log.info({ sessions: sessions.size, rooms: parsed.data.rooms.length }, 'resumed state file');
}

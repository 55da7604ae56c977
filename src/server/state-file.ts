/**
 * The hand-off across a restart: sessions and rooms written on a restarting
 * shutdown, read back on start, so clients resume with the same ids and rooms.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Hub } from './hub';
import { Session } from './session';

const stateSchema = z.object({
  version: z.literal(1),
  sessions: z.array(
    z.object({ peerId: z.string(), name: z.string(), resumeToken: z.string(), visible: z.boolean() }),
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

/** Writes the hub's sessions and rooms (ringing calls are not handed over). */
export async function saveState(file: string, hub: Hub): Promise<void> {
  const state: State = {
    version: 1,
    sessions: [...hub.sessions.all()].map((session) => ({
      peerId: session.peerId,
      name: session.peer.name,
      resumeToken: session.resumeToken,
      visible: session.visible,
    })),
    rooms: [...hub.rooms.all()]
      .filter((room) => room.call === null)
      .map((room) => ({ id: room.id, password: room.password, members: room.members.map((m) => m.peerId) })),
  };
  // Write then rename, so a crash mid-write never leaves half a file to load.
  await writeFile(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/** Loads a hand-off into `hub` as detached sessions (each in its grace period), then deletes the file. */
export async function loadState(file: string, hub: Hub): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return; // No hand-off: a cold start.
  }
  await rm(file, { force: true });
  const parsed = stateSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    console.error(`signaling: ignoring unreadable state file ${file}`);
    return;
  }
  const sessions = new Map<string, Session>();
  for (const saved of parsed.data.sessions) {
    const session = hub.sessions.add(new Session(saved.peerId, saved.name, saved.resumeToken));
    if (saved.visible) hub.restoreVisible(session);
    sessions.set(saved.peerId, session);
  }
  for (const saved of parsed.data.rooms) {
    const room = hub.rooms.restore(saved.id, saved.password);
    for (const peerId of saved.members) {
      const session = sessions.get(peerId);
      if (!session) continue;
      room.members.push(session);
      session.rooms.push(room);
    }
  }
  for (const session of sessions.values()) hub.detach(session);
}

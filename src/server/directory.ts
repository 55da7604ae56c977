/** The opt-in directory of people online: names only, seen by those who opted in. */
import { PROTOCOL_VERSION, type Peer } from '../shared/protocol';
import { encode } from './encode';
import type { Session } from './session';

export class Directory {
  private readonly visible = new Set<Session>();

  /** Opting in sends the full directory, then `online`/`offline` as people come and go. */
  setVisible(session: Session, visible: boolean): void {
    if (visible) {
      const peers: Peer[] = [];
      for (const other of this.visible) if (other !== session) peers.push(other.peer);
      session.send(encode({ v: PROTOCOL_VERSION, type: 'directory', peers }));
      if (session.visible) return;
      session.visible = true;
      this.visible.add(session);
      this.broadcast(encode({ v: PROTOCOL_VERSION, type: 'online', peer: session.peer }), session);
    } else if (session.visible) {
      session.visible = false;
      this.visible.delete(session);
      this.broadcast(encode({ v: PROTOCOL_VERSION, type: 'offline', peerId: session.peerId }), session);
    }
  }

  /** Lists a session handed over from before a restart, without announcing it again. */
  restore(session: Session): void {
    session.visible = true;
    this.visible.add(session);
  }

  private broadcast(text: string, except: Session): void {
    for (const other of this.visible) if (other !== except) other.send(text);
  }
}

/**
 * Runs the embedded signaling server the settings ask for (or none, for a
 * remote server) and says where it is. Restarts it when the plan changes.
 */
import { networkInterfaces } from 'node:os';
import { startSignalingServer, type SignalingServer } from '../server';
import type { ServerInfo } from '../shared/ipc';
import type { ServerSettings } from '../shared/settings';
import type { LanCertificate } from './lan-certificate';
import { describeServer, planServer, type ServerPlan } from './server-plan';

export class ServerHost {
  private server: SignalingServer | null = null;
  private plan: ServerPlan | null = null;
  private current: ServerInfo = { state: 'failed', message: 'The server has not started yet.' };
  private readonly listeners = new Set<(info: ServerInfo) => void>();
  private applying: Promise<unknown> = Promise.resolve();
  private appliedSettings: string | null = null;

  private certificate: LanCertificate | null = null;

  /**
   * @param webRoot the built web client, served to browser guests who open an invite link.
   * @param certificateFor the TLS certificate for a LAN address: guests' browsers need https for camera and mic.
   */
  constructor(
    private readonly webRoot: string | undefined,
    private readonly certificateFor?: (address: string) => Promise<LanCertificate>,
  ) {}

  get info(): ServerInfo {
    return this.current;
  }

  onChange(listener: (info: ServerInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts, moves or stops the embedded server to match `settings`; calls run
   * one at a time. Unchanged settings change nothing (a visit stays).
   */
  apply(settings: ServerSettings): Promise<ServerInfo> {
    return this.enqueue(async () => {
      const key = JSON.stringify(settings);
      if (key === this.appliedSettings && this.current.state === 'ready') return this.current;
      this.appliedSettings = key;
      return this.switchTo(planServer(settings, networkInterfaces()));
    });
  }

  /**
   * Uses a remote server until the server settings change or Parley restarts,
   * without saving it: a parley:// link the user agreed to follow.
   */
  visit(wsUrl: string): Promise<ServerInfo> {
    return this.enqueue(() => this.switchTo({ kind: 'remote', wsUrl }));
  }

  private enqueue(step: () => Promise<ServerInfo>): Promise<ServerInfo> {
    const next = this.applying.then(step);
    this.applying = next.catch(() => undefined);
    return next;
  }

  private async switchTo(plan: ServerPlan): Promise<ServerInfo> {
    if (JSON.stringify(plan) === JSON.stringify(this.plan) && this.current.state === 'ready')
      return this.current;
    await this.stop();
    this.plan = plan;
    this.publish(plan.kind === 'remote' ? describeServer(plan, null) : await this.startEmbedded(plan));
    return this.current;
  }

  /** The embedded server's own certificate (PEM) while it serves TLS, for main's client to trust. */
  get pinnedCertificate(): string | null {
    return this.certificate?.cert ?? null;
  }

  /** Tells connected clients the server is going away, then closes it. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.certificate = null;
    if (server) await server.close();
  }

  private async startEmbedded(plan: Extract<ServerPlan, { kind: 'embedded' }>): Promise<ServerInfo> {
    try {
      this.certificate = plan.lan && this.certificateFor ? await this.certificateFor(plan.host) : null;
      this.server = await this.listen(plan.host, plan.port);
      return describeServer(plan, this.server.port, this.certificate?.fingerprint);
    } catch (error) {
      return {
        state: 'failed',
        message: `Parley could not start its server on ${plan.host}: ${(error as Error).message}`,
      };
    }
  }

  private async listen(host: string, port: number): Promise<SignalingServer> {
    try {
      return await startSignalingServer({
        host,
        port,
        webRoot: this.webRoot,
        tls: this.certificate ?? undefined,
      });
    } catch (error) {
      // Another Parley (or anything else) holds the usual port: take a free one rather than fail.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
      return startSignalingServer({
        host,
        port: 0,
        webRoot: this.webRoot,
        tls: this.certificate ?? undefined,
      });
    }
  }

  private publish(info: ServerInfo): void {
    this.current = info;
    for (const listener of this.listeners) listener(info);
  }
}

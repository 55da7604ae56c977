/**
 * Sockets cut at every stage, against the real server process (the CLI build): no reset, at any
 * layer, may end the process, and an honest client is served afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, TestClient } from './test-client';

const { cli: CLI, unbuilt } = builtCli('hostile-socket tests');

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (path: string, origin?: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${origin ? `Origin: ${origin}\r\n` : ''}\r\n`;

/** Opens a TCP connection, writes `bytes`, optionally waits for the server's first reply, then resets. */
function sendAndReset(port: number, bytes: string | Buffer, waitForReply = false): Promise<void> {
  return new Promise((done) => {
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (waitForReply) socket.once('data', () => socket.resetAndDestroy());
      else socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done());
  });
}

/** An unmasked-length, masked frame header promising 100 bytes, with only a few sent. */
const HALF_FRAME = Buffer.from([0x81, 0x80 | 100, 1, 2, 3, 4, 0x41, 0x42]);

describe.skipIf(unbuilt)('hostile sockets against the server process', () => {
  let server: ChildProcess;
  let port = 0;
  let output = '';

  beforeAll(async () => {
    server = spawn(process.execPath, [CLI, '--port', '0', '--allowed-origin', 'https://parley.example'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    port = await new Promise<number>((ready, fail) => {
      server.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening: http:\/\/[^:]+:(\d+)/.exec(chunk.toString());
        if (match) ready(Number(match[1]));
      });
      server.once('exit', (code) => fail(new Error(`server exited (${code}): ${output}`)));
    });
  });
  afterAll(() => {
    server.kill('SIGKILL');
  });

  it('survives resets mid-headers, after a refused upgrade, after an upgrade and mid-frame', async () => {
    for (let round = 0; round < 20; round++) {
      await sendAndReset(port, 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr');
      await sendAndReset(port, upgrade('/elsewhere'));
      await sendAndReset(port, upgrade('/ws', 'https://evil.example'));
      await sendAndReset(port, upgrade('/ws'), true);
      await sendAndReset(port, Buffer.concat([Buffer.from(upgrade('/ws')), HALF_FRAME]));
      await sendAndReset(port, 'GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    }
    expect(server.exitCode).toBeNull();
    expect(output).not.toMatch(/ECONNRESET|Uncaught|Error:/);
    const honest = await TestClient.connect(`ws://127.0.0.1:${port}/ws`, 'Honest');
    expect(honest.peerId).not.toBe('');
    honest.close();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('logs connections and refusals as JSON lines, never a token, password or SDP', async () => {
    const url = `ws://127.0.0.1:${port}/ws`;
    const [alice, bob] = await Promise.all([
      TestClient.connect(url, 'Alice'),
      TestClient.connect(url, 'Bob'),
    ]);
    await alice.join('logged', 'hunter2-secret');
    bob.send({ type: 'join', room: 'logged', password: 'wrong-guess-secret' });
    await bob.error('wrong_password');
    await bob.join('logged', 'hunter2-secret');
    const sdp = 'v=0\r\na=fingerprint:sha-256 SECRET-SDP-LINE\r\n';
    alice.send({
      type: 'signal',
      room: 'logged',
      to: bob.peerId,
      payload: { kind: 'description', description: { type: 'offer', sdp } },
    });
    await bob.next('signal');
    alice.close();
    await alice.closed;
    await new Promise((settle) => setTimeout(settle, 200));
    const lines = output.trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; code?: string });
    expect(entries.some((entry) => entry.msg === 'connected')).toBe(true);
    expect(entries.some((entry) => entry.msg === 'refused' && entry.code === 'wrong_password')).toBe(true);
    expect(entries.some((entry) => entry.msg === 'closed')).toBe(true);
    for (const secret of ['hunter2', 'wrong-guess', 'SECRET-SDP', alice.resumeToken, bob.resumeToken]) {
      expect(output).not.toContain(secret);
    }
    bob.close();
  });
});

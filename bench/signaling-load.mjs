// Load generator for bench/signaling.mjs, driven over IPC. Its clients speak WebSocket on raw
// TCP sockets with pre-built frames (zero mask key, so a frame is built once and only the
// timestamp is patched in), so the generator spends as little of the shared CPU as it can.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const MARK = Buffer.from('candidate:');
const TS_DIGITS = 12;
/** After the timestamp: the run's number and the message's number in it (RUN_SPAN apart), so a
 * loss, a duplicate or a straggler from an earlier run is seen. */
const SEQ_DIGITS = 9;
const RUN_SPAN = 1_000_000;
const MESSAGE_BYTES = 1024;

/** A client-to-server frame (FIN, zero mask key) around `payload`. */
function frame(payload, opcode = 0x1) {
  const length = payload.length;
  const head = length < 126 ? 6 : 8;
  const buffer = Buffer.allocUnsafe(head + length);
  buffer[0] = 0x80 | opcode;
  if (length < 126) {
    buffer[1] = 0x80 | length;
    buffer.writeUInt32BE(0, 2);
  } else {
    buffer[1] = 0x80 | 126;
    buffer.writeUInt16BE(length, 2);
    buffer.writeUInt32BE(0, 4);
  }
  payload.copy(buffer, head);
  return buffer;
}

const textFrame = (value) => frame(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));
const nowMicros = () => Math.round(performance.now() * 1000);

function writeDigits(buffer, at, value, digits = TS_DIGITS) {
  for (let i = digits - 1; i >= 0; i--) {
    buffer[at + i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
}

function readDigits(buffer, at, digits = TS_DIGITS) {
  let value = 0;
  for (let i = 0; i < digits; i++) value = value * 10 + (buffer[at + i] - 48);
  return value;
}

/** Latency samples for the measuring window, and counts. */
const run = {
  measuringFrom: Infinity,
  samples: null,
  count: 0,
  received: 0,
  errors: 0,
  /** Times each message number arrived. */
  arrivals: null,
  duplicates: 0,
  /** Numbers each run, so its messages are told from an earlier run's stragglers. */
  number: 0,
  late: 0,
};

class Client {
  constructor(index, target, address, onReady, onFail) {
    this.index = index;
    this.target = target;
    this.pending = null;
    this.upgraded = false;
    this.ready = false;
    this.peerId = target.kind === 'peerjs' ? `p${target.prefix}-${index}` : '';
    this.onReady = onReady;
    this.onFail = onFail;
    this.onControl = null;
    const path =
      target.kind === 'peerjs'
        ? `/peerjs?key=peerjs&id=${this.peerId}&token=${randomBytes(6).toString('hex')}`
        : '/ws';
    const socket = connect({ host: target.host, port: target.port, localAddress: address });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk) => this.data(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!this.ready) this.onFail(this);
      this.ready = false;
    });
  }

  data(chunk) {
    let data = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = null;
    if (!this.upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        this.pending = data;
        return;
      }
      if (!data.subarray(0, 16).toString().includes(' 101')) {
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      data = data.subarray(end + 4);
      if (this.target.kind !== 'peerjs')
        this.socket.write(textFrame({ v: 1, type: 'hello', name: `bench ${this.index}` }));
    }
    let offset = 0;
    while (data.length - offset >= 2) {
      const opcode = data[offset] & 0x0f;
      let length = data[offset + 1] & 0x7f;
      let head = 2;
      if (length === 126) {
        if (data.length - offset < 4) break;
        length = data.readUInt16BE(offset + 2);
        head = 4;
      } else if (length === 127) {
        if (data.length - offset < 10) break;
        length = Number(data.readBigUInt64BE(offset + 2));
        head = 10;
      }
      if (data.length - offset < head + length) break;
      this.frame(opcode, data.subarray(offset + head, offset + head + length));
      offset += head + length;
    }
    if (offset < data.length) this.pending = Buffer.from(data.subarray(offset));
  }

  frame(opcode, payload) {
    if (opcode === 0x9) this.socket.write(frame(payload, 0xa));
    else if (opcode === 0x8) this.socket.end();
    else if (opcode === 0x1) {
      const at = payload.indexOf(MARK);
      if (at >= 0) {
        const seq = readDigits(payload, at + MARK.length + TS_DIGITS + 1, SEQ_DIGITS);
        if (Math.floor(seq / RUN_SPAN) !== run.number % 1000) {
          run.late++;
          return;
        }
        if (run.arrivals[seq % RUN_SPAN]++ > 0) {
          run.duplicates++;
          return;
        }
        run.received++;
        const sentAt = readDigits(payload, at + MARK.length);
        if (sentAt >= run.measuringFrom) run.samples[run.count++] = (nowMicros() - sentAt) / 1000;
        return;
      }
      const message = JSON.parse(payload.toString());
      if (message.type === 'error') run.errors++;
      if (!this.ready && (message.type === 'welcome' || message.type === 'OPEN')) {
        if (message.type === 'welcome') this.peerId = message.peerId;
        this.ready = true;
        this.onReady(this);
      } else this.onControl?.(message);
    }
  }
}

let clients = [];

/** Opens `count` authenticated clients, at most `concurrency` handshakes at a time; failures retry. */
function open({ target, count, address, concurrency }) {
  return new Promise((resolve) => {
    let next = 0;
    let settled = 0;
    let failed = 0;
    const retries = new Map();
    const opened = [];
    const start = (index) => new Client(index, target, address, ready, fail);
    const done = () => {
      settled++;
      if (next < count) start(next++);
      if (settled === count) resolve({ opened, failed });
    };
    const ready = (client) => {
      opened.push(client);
      done();
    };
    const fail = (client) => {
      const tries = (retries.get(client.index) ?? 0) + 1;
      retries.set(client.index, tries);
      if (tries < 4) setTimeout(() => start(client.index), 100 * tries);
      else {
        failed++;
        done();
      }
    };
    while (next < Math.min(concurrency, count)) start(next++);
  });
}

/** Clients in turns across the servers they were opened on (A0 B0 A1 B1 …), so rooms span servers. */
function interleaveByServer() {
  const byServer = new Map();
  for (const client of clients) {
    const port = client.target.port;
    if (!byServer.has(port)) byServer.set(port, []);
    byServer.get(port).push(client);
  }
  const lists = [...byServer.values()];
  const longest = Math.max(...lists.map((list) => list.length));
  clients = [];
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) clients.push(list[i]);
}

/**
 * Rooms of `roomSize` consecutive clients (with `acrossServers`, consecutive in turns across the
 * servers); each client gets a pre-built frame per room mate.
 */
async function formRooms({ roomSize, acrossServers = false }) {
  if (acrossServers) interleaveByServer();
  const kind = clients[0].target.kind;
  let waiting = 0;
  const allJoined = new Promise((resolve) => {
    for (const [index, client] of clients.entries()) {
      const room = `bench-${Math.floor(index / roomSize)}`;
      client.room = room;
      if (kind === 'peerjs') continue;
      waiting++;
      client.onControl = (message) => {
        if (message.type === 'joined' && --waiting === 0) resolve();
      };
      client.socket.write(textFrame({ v: 1, type: 'join', room }));
    }
    if (waiting === 0) resolve();
  });
  await allJoined;
  for (const [index, client] of clients.entries()) {
    const first = index - (index % roomSize);
    const mates = clients.slice(first, first + roomSize).filter((mate) => mate !== client);
    client.templates = mates.map((mate) => template(kind, client.room, mate.peerId));
  }
}

/** A ~1 KiB relay request with a timestamp slot; returns the frame and where the digits go. */
function template(kind, room, to) {
  const build = (padding) => {
    const candidate = `candidate:${'0'.repeat(TS_DIGITS)} ${'0'.repeat(SEQ_DIGITS)} ${padding}`;
    return JSON.stringify(
      kind !== 'peerjs'
        ? { v: 1, type: 'signal', room, to, payload: { kind: 'candidate', candidate: { candidate } } }
        : { type: 'CANDIDATE', dst: to, payload: { candidate } },
    );
  };
  const text = build('x'.repeat(Math.max(0, MESSAGE_BYTES - build('').length)));
  const buffer = textFrame(text);
  return { buffer, at: buffer.indexOf(MARK) + MARK.length };
}

/**
 * Offers `rate` messages/s for `durationMs`, open loop; latency measured after `warmupMs`.
 * Messages still missing `settleMs` after the last was sent count as lost.
 */
function relay({ rate, durationMs, warmupMs, settleMs = 1000 }) {
  return new Promise((resolve) => {
    const total = Math.round((rate * durationMs) / 1000);
    run.samples = new Float64Array(total);
    run.count = 0;
    run.received = 0;
    run.errors = 0;
    run.arrivals = new Uint8Array(total);
    run.duplicates = 0;
    run.number++;
    run.late = 0;
    const start = performance.now();
    run.measuringFrom = Math.round((start + warmupMs) * 1000);
    const perSender = clients[0].templates.length;
    let sent = 0;
    const send = (n) => {
      const client = clients[n % clients.length];
      const { buffer, at } = client.templates[Math.floor(n / clients.length) % perSender];
      const copy = Buffer.allocUnsafe(buffer.length);
      buffer.copy(copy);
      writeDigits(copy, at, nowMicros());
      writeDigits(copy, at + TS_DIGITS + 1, (run.number % 1000) * RUN_SPAN + n, SEQ_DIGITS);
      client.socket.write(copy);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
      else finish(performance.now());
    };
    const finish = (sendEnd) => {
      // Give stragglers a while to arrive before counting anything lost.
      const deadline = performance.now() + settleMs;
      const drain = () => {
        if (run.received < total && performance.now() < deadline) return setTimeout(drain, 5);
        const samples = run.samples.subarray(0, run.count).sort();
        const pct = (p) =>
          samples.length === 0 ? null : samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
        run.measuringFrom = Infinity;
        resolve({
          rate,
          sent: total,
          received: run.received,
          errors: run.errors,
          duplicates: run.duplicates,
          late: run.late,
          achievedRate: Math.round(total / ((sendEnd - start) / 1000)),
          p50: pct(0.5),
          p99: pct(0.99),
        });
      };
      drain();
    };
    tick();
  });
}

const commands = {
  open: async (request) => {
    const { opened, failed } = await open(request);
    clients = clients.concat(opened);
    return { opened: opened.length, failed };
  },
  rooms: async (request) => {
    await formRooms(request);
    return { rooms: Math.ceil(clients.length / request.roomSize) };
  },
  relay,
};

process.on('message', async ({ id, command, ...request }) => {
  const result = await commands[command](request);
  process.send({ id, result });
});
process.on('disconnect', () => process.exit(0));

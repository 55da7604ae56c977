// PeerJS's own server (the `peer` package) for the signaling benchmark's comparison.
// Limits that would stop a load test (5,000 clients, 90 s without a HEARTBEAT) are lifted.
import { PeerServer } from 'peer';

PeerServer(
  {
    host: '127.0.0.1',
    port: Number(process.argv[2] ?? 0),
    path: '/',
    key: 'peerjs',
    concurrent_limit: 1_000_000,
    alive_timeout: 3_600_000,
  },
  (server) => console.log(`listening: http://127.0.0.1:${server.address().port}`),
);

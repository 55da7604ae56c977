import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { inviteUrlFor } from '../shared/ipc';
import { describeServer, lanAddress, planServer } from './server-plan';

const nic = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const v6: NetworkInterfaceInfo = {
  address: 'fe80::1',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: 'fe80::1/64',
  scopeid: 2,
};
const interfaces = {
  lo: [nic('127.0.0.1', true)],
  docker0: [nic('172.17.0.1')],
  wlan0: [v6, nic('192.168.1.23')],
};

describe('lanAddress', () => {
  it('prefers a private IPv4 and skips loopback, IPv6, link-local and container bridges', () => {
    expect(lanAddress(interfaces)).toBe('192.168.1.23');
    expect(lanAddress({ lo: [nic('127.0.0.1', true)], eth0: [nic('169.254.3.4'), nic('203.0.113.9')] })).toBe(
      '203.0.113.9',
    );
    expect(lanAddress({ eth0: [nic('203.0.113.9'), nic('10.1.2.3')] })).toBe('10.1.2.3');
    expect(lanAddress({ lo: [nic('127.0.0.1', true)] })).toBeNull();
  });
});

describe('planServer', () => {
  it('embeds on loopback by default', () => {
    expect(planServer({ mode: 'embedded', allowLan: false, port: 47610 }, interfaces)).toEqual({
      kind: 'embedded',
      host: '127.0.0.1',
      port: 47610,
      lan: false,
    });
  });

  it('binds the LAN address when people on the network are allowed', () => {
    const plan = planServer(
      { mode: 'embedded', allowLan: true, port: 47610 },
      { wlan0: [nic('192.168.1.23')] },
    );
    expect(plan).toEqual({ kind: 'embedded', host: '192.168.1.23', port: 47610, lan: true });
    expect(describeServer(plan, 47610)).toEqual({
      state: 'ready',
      mode: 'embedded',
      wsUrl: 'ws://192.168.1.23:47610/ws',
      inviteOrigin: 'http://192.168.1.23:47610',
      lan: true,
    });
  });

  it('stays on loopback when LAN is allowed but there is no network', () => {
    expect(planServer({ mode: 'embedded', allowLan: true, port: 0 }, {})).toMatchObject({
      host: '127.0.0.1',
      lan: false,
    });
  });

  it('uses a remote server as configured', () => {
    const plan = planServer({ mode: 'remote', url: 'wss://talk.example.org/ws' }, interfaces);
    expect(describeServer(plan, null)).toEqual({
      state: 'ready',
      mode: 'remote',
      wsUrl: 'wss://talk.example.org/ws',
      inviteOrigin: 'https://talk.example.org',
      lan: false,
    });
  });
});

describe('describeServer and inviteUrlFor', () => {
  it('reports the port the server really bound (port 0 picks one)', () => {
    const info = describeServer({ kind: 'embedded', host: '127.0.0.1', port: 0, lan: false }, 51234);
    expect(info).toMatchObject({ wsUrl: 'ws://127.0.0.1:51234/ws', inviteOrigin: 'http://127.0.0.1:51234' });
    expect(inviteUrlFor(info, 'team-1')).toBe('http://127.0.0.1:51234/?room=team-1');
  });

  it('has no invite link while the server failed', () => {
    expect(inviteUrlFor({ state: 'failed', message: 'port in use' }, 'r')).toBeNull();
  });
});

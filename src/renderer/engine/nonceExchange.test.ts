import { describe, expect, it } from 'vitest';
import { NonceExchange } from './nonceExchange';

type Sent = Parameters<ConstructorParameters<typeof NonceExchange>[0]>[0];

/** Two ends wired to each other; `tamper` may rewrite what travels from a to b. */
function pair(tamper: (message: Sent) => Sent = (message) => message) {
  const a: NonceExchange = new NonceExchange((message) => void b.receive(tamper(message)));
  const b: NonceExchange = new NonceExchange((message) => void a.receive(message));
  return { a, b };
}

describe('NonceExchange', () => {
  it('gives both ends the same two nonces, each its own as local', async () => {
    const { a, b } = pair();
    await Promise.all([a.start(), b.start()]);
    const [fromA, fromB] = await Promise.all([a.nonces, b.nonces]);
    expect(fromA.local).toEqual(fromB.remote);
    expect(fromA.remote).toEqual(fromB.local);
    expect(fromA.local).not.toEqual(fromA.remote);
  });

  it('reveals nothing before it holds the other end’s commitment', async () => {
    const sent: Sent[] = [];
    const lonely = new NonceExchange((message) => sent.push(message));
    await lonely.start();
    expect(sent.map((message) => message.t)).toEqual(['nonce-commit']);
  });

  it('refuses a nonce that does not match its commitment', async () => {
    const { a, b } = pair((message) =>
      message.t === 'nonce-reveal' ? { ...message, nonce: '0'.repeat(32) } : message,
    );
    await Promise.all([a.start(), b.start()]);
    await expect(b.nonces).rejects.toThrow('does not match');
  });
});

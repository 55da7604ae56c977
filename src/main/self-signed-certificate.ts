/**
 * A self-signed TLS certificate for IP addresses, made with node:crypto
 * alone (ECDSA P-256, SHA-256): Node can sign but not build X.509, so the
 * few DER structures a certificate needs are encoded here. Node's
 * X509Certificate parses and verifies the result (see the test).
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4 } from 'node:net';

export interface SelfSignedCertificate {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

/** A certificate valid from now for `days`, naming `commonName`, for the IPv4 `addresses`. */
export function createSelfSignedCertificate(
  commonName: string,
  addresses: readonly string[],
  days: number,
  now = new Date(),
): SelfSignedCertificate {
  if (addresses.length === 0 || !addresses.every((address) => isIPv4(address)))
    throw new Error(`a certificate needs IPv4 addresses, got ${addresses.join(', ') || 'none'}`);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(oid(OID.commonName), utf8(commonName))));
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // a positive INTEGER
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // X.509 v3
    integer(serial),
    signatureAlgorithm,
    name,
    sequence(time(now), time(new Date(now.getTime() + days * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions(addresses))),
  );
  const certificate = sequence(tbs, signatureAlgorithm, bitString(signTbs(tbs, privateKey)));
  return {
    cert: pem('CERTIFICATE', certificate),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function extensions(addresses: readonly string[]): Buffer[] {
  const ipAddress = (address: string) => tagged(0x87, Buffer.from(address.split('.').map(Number)));
  return [
    extension(OID.basicConstraints, true, sequence()), // not a CA
    extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)), // digitalSignature
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
    extension(OID.subjectAltName, false, sequence(...addresses.map(ipAddress))),
  ];
}

function signTbs(tbs: Buffer, privateKey: KeyObject): Buffer {
  return sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---- DER ----

function tagged(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : (() => {
          const bytes = Buffer.from(length.toString(16).padStart(length > 0xff ? 4 : 2, '0'), 'hex');
          return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([header, content]);
}

const sequence = (...items: Buffer[]) => tagged(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tagged(0x31, Buffer.concat(items));
const explicit = (number: number, content: Buffer) => tagged(0xa0 | number, content);
const integer = (bytes: Buffer) => tagged(0x02, bytes);
const utf8 = (text: string) => tagged(0x0c, Buffer.from(text, 'utf8'));
const octetString = (content: Buffer) => tagged(0x04, content);
const bitString = (content: Buffer, unusedBits = 0) =>
  tagged(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [tagged(0x01, Buffer.from([0xff]))] : []), octetString(value));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tagged(0x06, Buffer.from(bytes));
}

/** UTCTime (YYMMDDHHMMSSZ), which X.509 uses for dates before 2050. */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-12-01T00:25:03.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tagged(0x17, Buffer.from(text, 'ascii'));
}

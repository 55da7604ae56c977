/**
 * This device's one DTLS certificate, kept in IndexedDB so every call presents
 * the same key: a verified person's key then stays theirs, and a change means
 * something (another device, cleared data, or someone in the middle).
 * RTCCertificate is structured-cloneable, so the private key never leaves
 * the browser's keeping as bytes.
 */

const DATABASE = 'parley';
const STORE = 'keys';
const KEY = 'dtls-certificate';
/** Browsers cap a certificate's life (Chromium at a year); a new one is made when it runs out. */
const LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
/** Renewed a day before it expires, so a call does not start with a certificate about to lapse. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function openDatabase(): Promise<IDBDatabase> {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

/** The stored certificate, or a new one stored for next time; a fresh unstored one if IndexedDB is unavailable. */
export async function loadDeviceCertificate(): Promise<RTCCertificate> {
  const generate = () =>
    RTCPeerConnection.generateCertificate({
      name: 'ECDSA',
      namedCurve: 'P-256',
      expires: LIFETIME_MS,
    } as EcKeyGenParams);
  let database: IDBDatabase;
  try {
    database = await openDatabase();
  } catch (error) {
    console.warn('[parley] no IndexedDB: this session gets a certificate of its own', error);
    return generate();
  }
  try {
    const stored: unknown = await request(database.transaction(STORE).objectStore(STORE).get(KEY));
    if (stored instanceof RTCCertificate && stored.expires - Date.now() > RENEW_BEFORE_MS) return stored;
    const certificate = await generate();
    await request(database.transaction(STORE, 'readwrite').objectStore(STORE).put(certificate, KEY)).catch(
      (error: unknown) => console.warn('[parley] the certificate could not be kept for next time', error),
    );
    return certificate;
  } finally {
    database.close();
  }
}

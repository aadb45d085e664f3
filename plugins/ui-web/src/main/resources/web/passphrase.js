// The answer to a CHALLENGE (PROTOCOL.md section 5): proves this page knows the room's passphrase without sending
// it. key = Argon2id(passphrase, salt, cost) in a worker; AUTH = HMAC-SHA256(key, "parley-auth-v1" ‖ nonce ‖
// u16 length ‖ room ‖ u16 length ‖ name), with room and name the UTF-8 bytes of this page's HELLO.
import { Reader, utf8Bytes } from './wire.js';

/** What the Java client refuses too: more than 1 GiB of memory or more than 16 passes. */
const MAX_MEMORY_KIB = 1024 * 1024;
const MAX_PASSES = 16;

/** A CHALLENGE's fields, strictly read. */
export function readChallenge(payload) {
  const r = new Reader(payload);
  const kdf = r.string();
  const memoryKiB = r.u32();
  const passes = r.u8();
  const lanes = r.u8();
  const saltLength = r.u16();
  const salt = payload.slice(r.need(saltLength), r.at);
  const nonce = payload.slice(r.need(32), r.at);
  return { kdf, memoryKiB, passes, lanes, salt, nonce };
}

/** Why this page will not answer the challenge, or null when it will. */
export function refusal(challenge) {
  if (challenge.kdf !== 'argon2id') return `the relay asks for the key derivation "${challenge.kdf}", which this page does not know`;
  if (challenge.memoryKiB > MAX_MEMORY_KIB || challenge.passes > MAX_PASSES) {
    return `the relay asks for an unreasonable cost (${challenge.memoryKiB} KiB, ${challenge.passes} passes)`;
  }
  if (challenge.lanes < 1 || challenge.passes < 1 || challenge.memoryKiB < 8 * challenge.lanes) {
    return 'the relay asks for an Argon2id cost that does not exist';
  }
  if (!globalThis.crypto?.subtle) return 'a protected room can be joined only from a page opened over https:// (or localhost)';
  return null;
}

/** Argon2id of the passphrase with the challenge's salt and cost, computed in a worker. */
export function roomKey(passphrase, challenge) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./kdf-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.error) reject(new Error(e.data.error));
      else resolve(e.data.key);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the key derivation failed'));
    };
    worker.postMessage({ password: utf8Bytes(passphrase), salt: challenge.salt,
      memoryKiB: challenge.memoryKiB, passes: challenge.passes, lanes: challenge.lanes });
  });
}

/** The 32 bytes of AUTH for {@code key}, the challenge's nonce and this page's HELLO fields. */
export async function answer(key, nonce, room, name) {
  const roomBytes = utf8Bytes(room);
  const nameBytes = utf8Bytes(name);
  const label = utf8Bytes('parley-auth-v1');
  const message = new Uint8Array(label.length + nonce.length + 2 + roomBytes.length + 2 + nameBytes.length);
  const v = new DataView(message.buffer);
  let at = 0;
  message.set(label, at); at += label.length;
  message.set(nonce, at); at += nonce.length;
  v.setUint16(at, roomBytes.length); at += 2;
  message.set(roomBytes, at); at += roomBytes.length;
  v.setUint16(at, nameBytes.length); at += 2;
  message.set(nameBytes, at);
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmac, message));
}

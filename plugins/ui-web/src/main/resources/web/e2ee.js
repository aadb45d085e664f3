// End-to-end encrypted media (PROTOCOL.md section 7, "End-to-end encrypted media"), as the Java clients' --e2ee:
// every VIDEO, AUDIO and TEXT payload sealed with AES-256-GCM under a key of the sender's own, so the relay forwards
// what it cannot read. base = Argon2id(passphrase, "parley-e2ee-v1:" ‖ room, 65 536 KiB, 3 passes, 1 lane) in a
// worker; per sender key id (KID), key = HKDF-SHA256(base, info "parley e2ee key" ‖ KID) and salt = HKDF-SHA256(base,
// info "parley e2ee salt" ‖ KID), 12 bytes. Sealed: 0x01, KID (8), CTR (8), ciphertext and tag. Nonce = salt XOR CTR;
// additional data = the 17 header bytes, the message type, the stream (u16) and the codec id.
import { roomKey } from './passphrase.js';
import { utf8Bytes } from './wire.js';

const LAYOUT = 0x01;
const HEADER = 17;
const TAG = 16;
const WINDOW = 64n;
const TEXT_PREFIX = 'E2EE1:';

export class Rejected extends Error {}

export class RoomCipher {
  /** The room's cipher from its passphrase: Argon2id with the default cost, about as long as the CHALLENGE's. */
  static async forRoom(passphrase, room) {
    const salt = utf8Bytes('parley-e2ee-v1:' + room);
    const base = await roomKey(passphrase, { salt, memoryKiB: 65536, passes: 3, lanes: 1 });
    return new RoomCipher(await crypto.subtle.importKey('raw', base, 'HKDF', false, ['deriveBits']));
  }

  constructor(base) {
    this.base = base;
    this.receiving = new Map(); // KID (bigint) -> { key, salt, highest, window } as a promise
    const kid = new Uint8Array(8);
    crypto.getRandomValues(kid);
    this.kid = kid;
    this.counter = 0n;
    this.sending = this.keysFor(kid);
  }

  async derive(label, kid, bytes) {
    const info = new Uint8Array(label.length + 8);
    info.set(utf8Bytes(label));
    info.set(kid, label.length);
    const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info }, this.base, bytes * 8);
    return new Uint8Array(bits);
  }

  async keysFor(kid) {
    const raw = await this.derive('parley e2ee key', kid, 32);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return { key, salt: await this.derive('parley e2ee salt', kid, 12), highest: -1n, window: 0n };
  }

  static nonce(salt, counter) {
    const n = salt.slice();
    for (let i = 0; i < 8; i++) n[11 - i] ^= Number((counter >> BigInt(8 * i)) & 0xffn);
    return n;
  }

  static aad(header, type, stream, codec) {
    const c = Uint8Array.from(codec, (ch) => ch.charCodeAt(0) & 0x7f);
    const out = new Uint8Array(HEADER + 3 + c.length);
    out.set(header.subarray(0, HEADER));
    out[HEADER] = type;
    out[HEADER + 1] = stream >> 8;
    out[HEADER + 2] = stream & 0xff;
    out.set(c, HEADER + 3);
    return out;
  }

  /** Seals one payload of this page's frame of message type {@code type} on {@code stream} with {@code codec}. */
  async seal(type, stream, codec, payload) {
    const { key, salt } = await this.sending;
    const counter = this.counter++;
    const header = new Uint8Array(HEADER);
    header[0] = LAYOUT;
    header.set(this.kid, 1);
    new DataView(header.buffer).setBigUint64(9, counter);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: RoomCipher.nonce(salt, counter), additionalData: RoomCipher.aad(header, type, stream, codec), tagLength: 128 },
      key, payload);
    const out = new Uint8Array(HEADER + sealed.byteLength);
    out.set(header);
    out.set(new Uint8Array(sealed), HEADER);
    return out;
  }

  /** The payload a sender sealed; throws {@link Rejected} when it is not sealed, was changed, or was seen before. */
  async open(type, stream, codec, sealed) {
    if (sealed.length < HEADER + TAG || sealed[0] !== LAYOUT) throw new Rejected('not an end-to-end encrypted payload');
    const view = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const kidValue = view.getBigUint64(1);
    const counter = view.getBigUint64(9);
    if (!this.receiving.has(kidValue)) this.receiving.set(kidValue, this.keysFor(sealed.slice(1, 9)));
    const r = await this.receiving.get(kidValue);
    if (!(counter > r.highest || (r.highest - counter < WINDOW && (r.window & (1n << (r.highest - counter))) === 0n))) {
      throw new Rejected('replayed');
    }
    let plain;
    try {
      plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: RoomCipher.nonce(r.salt, counter), additionalData: RoomCipher.aad(sealed, type, stream, codec), tagLength: 128 },
        r.key, sealed.subarray(HEADER));
    } catch (e) {
      throw new Rejected('does not authenticate: changed on the way, or sealed with another passphrase');
    }
    if (counter > r.highest) {
      const shift = r.highest < 0n ? WINDOW : counter - r.highest;
      r.window = shift >= WINDOW ? 0n : (r.window << shift) & ((1n << WINDOW) - 1n);
      r.highest = counter;
      r.window |= 1n;
    } else {
      r.window |= 1n << (r.highest - counter);
    }
    return new Uint8Array(plain);
  }

  /** A chat line sealed as TEXT (type 0x12, stream 0, no codec) and carried as ASCII: "E2EE1:" and base64. */
  async sealText(line) {
    const sealed = await this.seal(0x12, 0, '', utf8Bytes(line));
    return utf8Bytes(TEXT_PREFIX + btoa(String.fromCharCode(...sealed)));
  }

  /** A sealed chat line's text; throws {@link Rejected} for anything else. */
  async openText(payload) {
    const text = new TextDecoder().decode(payload);
    if (!text.startsWith(TEXT_PREFIX)) throw new Rejected('a chat line that is not end-to-end encrypted');
    let sealed;
    try {
      sealed = Uint8Array.from(atob(text.slice(TEXT_PREFIX.length)), (c) => c.charCodeAt(0));
    } catch (e) {
      throw new Rejected('a sealed chat line that is not base64');
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(await this.open(0x12, 0, '', sealed));
  }
}

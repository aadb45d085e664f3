// The Parley wire format (docs/PROTOCOL.md sections 2 to 5): one frame per WebSocket message (section 14).
export const HEADER = 28;
export const T = {
  HELLO: 0x01, WELCOME: 0x02, ERROR: 0x03, JOINED: 0x04, LEFT: 0x05, CHALLENGE: 0x06, AUTH: 0x07, CODECS: 0x08,
  VIDEO: 0x10, AUDIO: 0x11, TEXT: 0x12, RECEIVED: 0x20, PING: 0x21, PONG: 0x22, BYE: 0x23, KEYFRAME_REQUEST: 0x24,
};
export const KEYFRAME = 0x01;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Wall clock in µs since the epoch, finer than Date.now(). */
export const nowMicros = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));

/** One frame as bytes. payload: Uint8Array. */
export function encode({ type, flags = 0, stream = 0, sequence = 0, timestamp = 0n, codec = '', payload = new Uint8Array(0) }) {
  const c = utf8.encode(codec);
  const bytes = new Uint8Array(HEADER + c.length + payload.length);
  const v = new DataView(bytes.buffer);
  bytes[0] = 0x50; bytes[1] = 0x52; bytes[2] = 1; bytes[3] = type; bytes[4] = flags; bytes[5] = c.length;
  v.setUint16(6, stream);
  v.setUint32(8, 0);
  v.setUint32(12, sequence >>> 0);
  v.setBigInt64(16, BigInt(timestamp));
  v.setUint32(24, payload.length);
  bytes.set(c, HEADER);
  bytes.set(payload, HEADER + c.length);
  return bytes;
}

/** A message's bytes as a frame; throws when they are not exactly one. */
export function decode(buffer) {
  const bytes = new Uint8Array(buffer);
  const v = new DataView(buffer);
  if (bytes.length < HEADER || bytes[0] !== 0x50 || bytes[1] !== 0x52 || bytes[2] !== 1) throw new Error('not a Parley frame');
  const codecLength = bytes[5];
  const length = v.getUint32(24);
  if (HEADER + codecLength + length !== bytes.length) throw new Error('not exactly one frame in a message');
  return {
    type: bytes[3], flags: bytes[4], stream: v.getUint16(6), sender: v.getUint32(8), sequence: v.getUint32(12),
    timestamp: v.getBigInt64(16), codec: String.fromCharCode(...bytes.subarray(HEADER, HEADER + codecLength)),
    payload: bytes.subarray(HEADER + codecLength),
  };
}

/** Builds a control payload from [kind, value] fields: u8, u16, u32, i64 or string. */
export function fields(...list) {
  const parts = [];
  for (const [kind, value] of list) {
    if (kind === 'string') {
      const s = utf8.encode(value);
      const b = new Uint8Array(2 + s.length);
      new DataView(b.buffer).setUint16(0, s.length);
      b.set(s, 2);
      parts.push(b);
    } else {
      const size = { u8: 1, u16: 2, u32: 4, i64: 8 }[kind];
      const b = new Uint8Array(size);
      const v = new DataView(b.buffer);
      if (kind === 'u8') v.setUint8(0, value);
      else if (kind === 'u16') v.setUint16(0, value);
      else if (kind === 'u32') v.setUint32(0, value >>> 0);
      else v.setBigInt64(0, BigInt(value));
      parts.push(b);
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Reads a control payload field by field, strictly. */
export class Reader {
  constructor(payload) { this.b = payload; this.v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength); this.at = 0; }
  need(n) { if (this.at + n > this.b.length) throw new Error('payload ends early'); const at = this.at; this.at += n; return at; }
  u8() { return this.v.getUint8(this.need(1)); }
  u16() { return this.v.getUint16(this.need(2)); }
  u32() { return this.v.getUint32(this.need(4)); }
  i64() { return this.v.getBigInt64(this.need(8)); }
  string() { const n = this.u16(); const at = this.need(n); return fromUtf8.decode(this.b.subarray(at, at + n)); }
}

export const text = (payload) => fromUtf8.decode(payload);
export const utf8Bytes = (s) => utf8.encode(s);

export const LEAVE_REASONS = ['left', 'connection lost', 'protocol error', 'timed out', 'too slow: stopped reading'];
export const ERROR_NAMES = ['', 'BAD_MAGIC', 'UNSUPPORTED_VERSION', 'FRAME_TOO_LARGE', 'MALFORMED', 'HANDSHAKE_TIMEOUT',
  'UNEXPECTED_MESSAGE', 'WRONG_ROLE', 'INVALID_HELLO', 'SHUTTING_DOWN', 'INTERNAL', 'TOO_SLOW', 'IDLE_TIMEOUT',
  'LIMIT_REACHED', 'TLS_REQUIRED', 'AUTH_FAILED'];

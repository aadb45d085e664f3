// Argon2id (RFC 9106, version 0x13) and the BLAKE2b it is built on (RFC 7693), for a room's passphrase
// (PROTOCOL.md section 5, CHALLENGE and AUTH). Browsers have no Argon2 of their own and this page fetches nothing
// from elsewhere, so it is written here. 64-bit words are pairs of 32-bit ones (low first) in Uint32Arrays.
// It runs in a worker (kdf-worker.js), so the page stays responsive for the second or two it takes.

const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** v[a] += v[b] + (y0, y1), 64-bit words at 32-bit indices a and b. */
function add3(v, a, b, y0, y1) {
  const lo = v[a] + v[b] + y0;
  v[a + 1] = v[a + 1] + v[b + 1] + y1 + Math.floor(lo / 0x100000000);
  v[a] = lo;
}

/** v[x] = (v[x] ^ v[y]) rotated right by n (16 or 24), or by 32 / 63 as named. */
function xorRotr32(v, x, y) {
  const lo = v[x] ^ v[y];
  v[x] = v[x + 1] ^ v[y + 1];
  v[x + 1] = lo;
}
function xorRotr(v, x, y, n) {
  const lo = v[x] ^ v[y];
  const hi = v[x + 1] ^ v[y + 1];
  v[x] = (lo >>> n) | (hi << (32 - n));
  v[x + 1] = (hi >>> n) | (lo << (32 - n));
}
function xorRotr63(v, x, y) {
  const lo = v[x] ^ v[y];
  const hi = v[x + 1] ^ v[y + 1];
  v[x] = (lo << 1) | (hi >>> 31);
  v[x + 1] = (hi << 1) | (lo >>> 31);
}

const bv = new Uint32Array(32);
const bm = new Uint32Array(32);

function blakeG(a, b, c, d, ix, iy) {
  add3(bv, a, b, bm[ix], bm[ix + 1]);
  xorRotr32(bv, d, a);
  add3(bv, c, d, 0, 0);
  xorRotr(bv, b, c, 24);
  add3(bv, a, b, bm[iy], bm[iy + 1]);
  xorRotr(bv, d, a, 16);
  add3(bv, c, d, 0, 0);
  xorRotr63(bv, b, c);
}

function blakeCompress(h, block, counter, last) {
  for (let i = 0; i < 16; i++) {
    bv[i] = h[i];
    bv[i + 16] = IV[i];
  }
  bv[24] ^= counter >>> 0;
  bv[25] ^= Math.floor(counter / 0x100000000);
  if (last) {
    bv[28] = ~bv[28];
    bv[29] = ~bv[29];
  }
  for (let i = 0; i < 32; i++) {
    bm[i] = block[4 * i] | (block[4 * i + 1] << 8) | (block[4 * i + 2] << 16) | (block[4 * i + 3] << 24);
  }
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10];
    blakeG(0, 8, 16, 24, 2 * s[0], 2 * s[1]);
    blakeG(2, 10, 18, 26, 2 * s[2], 2 * s[3]);
    blakeG(4, 12, 20, 28, 2 * s[4], 2 * s[5]);
    blakeG(6, 14, 22, 30, 2 * s[6], 2 * s[7]);
    blakeG(0, 10, 20, 30, 2 * s[8], 2 * s[9]);
    blakeG(2, 12, 22, 24, 2 * s[10], 2 * s[11]);
    blakeG(4, 14, 16, 26, 2 * s[12], 2 * s[13]);
    blakeG(6, 8, 18, 28, 2 * s[14], 2 * s[15]);
  }
  for (let i = 0; i < 16; i++) h[i] ^= bv[i] ^ bv[i + 16];
}

/** BLAKE2b without a key: {@code outLength} (1 to 64) bytes of the hash of the concatenated {@code parts}. */
export function blake2b(outLength, ...parts) {
  const h = new Uint32Array(IV);
  h[0] ^= 0x01010000 ^ outLength;
  const block = new Uint8Array(128);
  let filled = 0;
  let counter = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      if (filled === 128) {
        counter += 128;
        blakeCompress(h, block, counter, false);
        filled = 0;
      }
      block[filled++] = part[i];
    }
  }
  counter += filled;
  block.fill(0, filled);
  blakeCompress(h, block, counter, true);
  const out = new Uint8Array(outLength);
  for (let i = 0; i < outLength; i++) out[i] = h[i >> 2] >>> (8 * (i & 3));
  return out;
}

function le32(n) {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

/** H' of RFC 9106 section 3.3: a hash of any length built from BLAKE2b. */
function hashLong(length, ...parts) {
  if (length <= 64) return blake2b(length, le32(length), ...parts);
  const out = new Uint8Array(length);
  const r = Math.ceil(length / 32) - 2;
  let v = blake2b(64, le32(length), ...parts);
  out.set(v.subarray(0, 32), 0);
  for (let i = 1; i < r; i++) {
    v = blake2b(64, v);
    out.set(v.subarray(0, 32), 32 * i);
  }
  out.set(blake2b(length - 32 * r, v), 32 * r);
  return out;
}

/** The high 32 bits of x * y, both below 2^32, exactly (a double holds only 53 bits). */
function mulHigh(x, y) {
  const xl = x & 0xffff, xh = x >>> 16, yl = y & 0xffff, yh = y >>> 16;
  const middle = xl * yh + xh * yl + ((xl * yl) >>> 16); // below 2^34
  return (xh * yh + Math.floor(middle / 0x10000)) >>> 0;
}

/**
 * GB of RFC 9106 (section 3.6) on the 64-bit words at 32-bit indices a, b, c, d of w: BLAKE2b's G with each addition
 * x + y made x + y + 2 * low(x) * low(y) (BlaMka). Written out on local variables, since this is where nearly all
 * the time goes; a 64-bit product's high half is built from 16-bit pieces, as a double holds only 53 bits.
 */
function gb(w, a, b, c, d) {
  let al = w[a], ah = w[a + 1], bl = w[b], bh = w[b + 1], cl = w[c], ch = w[c + 1], dl = w[d], dh = w[d + 1];
  let m, p, q, r, t, hi, lo;
  m = Math.imul(al, bl) >>> 0;
  p = al & 0xffff; q = al >>> 16; r = bl & 0xffff; t = bl >>> 16;
  hi = q * t + (((p * t + q * r + ((p * r) >>> 16)) / 65536) | 0);
  lo = al + bl + ((m << 1) >>> 0);
  ah = (ah + bh + 2 * hi + (m >>> 31) + ((lo / 4294967296) | 0)) >>> 0;
  al = lo >>> 0;
  p = (dl ^ al) >>> 0; dl = (dh ^ ah) >>> 0; dh = p;
  m = Math.imul(cl, dl) >>> 0;
  p = cl & 0xffff; q = cl >>> 16; r = dl & 0xffff; t = dl >>> 16;
  hi = q * t + (((p * t + q * r + ((p * r) >>> 16)) / 65536) | 0);
  lo = cl + dl + ((m << 1) >>> 0);
  ch = (ch + dh + 2 * hi + (m >>> 31) + ((lo / 4294967296) | 0)) >>> 0;
  cl = lo >>> 0;
  p = bl ^ cl; q = bh ^ ch;
  bl = ((p >>> 24) | (q << 8)) >>> 0; bh = ((q >>> 24) | (p << 8)) >>> 0;
  m = Math.imul(al, bl) >>> 0;
  p = al & 0xffff; q = al >>> 16; r = bl & 0xffff; t = bl >>> 16;
  hi = q * t + (((p * t + q * r + ((p * r) >>> 16)) / 65536) | 0);
  lo = al + bl + ((m << 1) >>> 0);
  ah = (ah + bh + 2 * hi + (m >>> 31) + ((lo / 4294967296) | 0)) >>> 0;
  al = lo >>> 0;
  p = dl ^ al; q = dh ^ ah;
  dl = ((p >>> 16) | (q << 16)) >>> 0; dh = ((q >>> 16) | (p << 16)) >>> 0;
  m = Math.imul(cl, dl) >>> 0;
  p = cl & 0xffff; q = cl >>> 16; r = dl & 0xffff; t = dl >>> 16;
  hi = q * t + (((p * t + q * r + ((p * r) >>> 16)) / 65536) | 0);
  lo = cl + dl + ((m << 1) >>> 0);
  ch = (ch + dh + 2 * hi + (m >>> 31) + ((lo / 4294967296) | 0)) >>> 0;
  cl = lo >>> 0;
  p = bl ^ cl; q = bh ^ ch;
  bl = ((p << 1) | (q >>> 31)) >>> 0; bh = ((q << 1) | (p >>> 31)) >>> 0;
  w[a] = al; w[a + 1] = ah; w[b] = bl; w[b + 1] = bh; w[c] = cl; w[c + 1] = ch; w[d] = dl; w[d + 1] = dh;
}

/**
 * The 32-bit offsets of the sixteen 64-bit words each of the sixteen permutations P of G works on: the eight rows
 * of 16 words, then the eight columns of pairs (RFC 9106 section 3.5).
 */
const LANES_OF_P = new Int32Array(16 * 16);
for (let i = 0; i < 8; i++) {
  for (let k = 0; k < 16; k++) {
    LANES_OF_P[16 * i + k] = 2 * (16 * i + k);
    LANES_OF_P[16 * (8 + i) + k] = 2 * (2 * i + (k & 1) + 16 * (k >> 1));
  }
}

function permuteAll(w) {
  const o = LANES_OF_P;
  for (let p = 0; p < 256; p += 16) {
    gb(w, o[p], o[p + 4], o[p + 8], o[p + 12]);
    gb(w, o[p + 1], o[p + 5], o[p + 9], o[p + 13]);
    gb(w, o[p + 2], o[p + 6], o[p + 10], o[p + 14]);
    gb(w, o[p + 3], o[p + 7], o[p + 11], o[p + 15]);
    gb(w, o[p], o[p + 5], o[p + 10], o[p + 15]);
    gb(w, o[p + 1], o[p + 6], o[p + 11], o[p + 12]);
    gb(w, o[p + 2], o[p + 7], o[p + 8], o[p + 13]);
    gb(w, o[p + 3], o[p + 4], o[p + 9], o[p + 14]);
  }
}

const BLOCK_WORDS = 256; // 1024 bytes as 32-bit words
const r = new Uint32Array(BLOCK_WORDS);
const keep = new Uint32Array(BLOCK_WORDS);

/**
 * The compression G (RFC 9106 section 3.5): block {@code next} of {@code out} becomes G(prev, ref), XORed into what
 * it held when {@code xor} (passes after the first). Offsets are in 32-bit words.
 */
function fillBlock(memPrev, prev, memRef, ref, out, next, xor) {
  for (let i = 0; i < BLOCK_WORDS; i++) r[i] = memPrev[prev + i] ^ memRef[ref + i];
  if (xor) {
    for (let i = 0; i < BLOCK_WORDS; i++) keep[i] = r[i] ^ out[next + i];
  } else {
    keep.set(r);
  }
  permuteAll(r);
  for (let i = 0; i < BLOCK_WORDS; i++) out[next + i] = keep[i] ^ r[i];
}

function toWords(bytes, out, offset) {
  for (let i = 0; i < BLOCK_WORDS; i++) {
    out[offset + i] = bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24);
  }
}

/**
 * Argon2id (type 2, version 0x13) with no secret and no associated data.
 * @param {Uint8Array} password @param {Uint8Array} salt
 * @returns {Uint8Array} {@code tagLength} bytes
 */
export function argon2id(password, salt, memoryKiB, passes, lanes, tagLength = 32) {
  const h0 = blake2b(64, le32(lanes), le32(tagLength), le32(memoryKiB), le32(passes), le32(0x13), le32(2),
    le32(password.length), password, le32(salt.length), salt, le32(0), le32(0));
  const blocks = 4 * lanes * Math.floor(memoryKiB / (4 * lanes));
  const laneLength = blocks / lanes;
  const segmentLength = laneLength / 4;
  const memory = new Uint32Array(blocks * BLOCK_WORDS);
  for (let lane = 0; lane < lanes; lane++) {
    toWords(hashLong(1024, h0, le32(0), le32(lane)), memory, lane * laneLength * BLOCK_WORDS);
    toWords(hashLong(1024, h0, le32(1), le32(lane)), memory, (lane * laneLength + 1) * BLOCK_WORDS);
  }
  const zero = new Uint32Array(BLOCK_WORDS);
  const input = new Uint32Array(BLOCK_WORDS);
  const addresses = new Uint32Array(BLOCK_WORDS);
  const nextAddresses = () => {
    input[12]++; // the counter, word 6
    fillBlock(zero, 0, input, 0, addresses, 0, false);
    fillBlock(zero, 0, addresses, 0, addresses, 0, false);
  };
  for (let pass = 0; pass < passes; pass++) {
    for (let slice = 0; slice < 4; slice++) {
      for (let lane = 0; lane < lanes; lane++) {
        const independent = pass === 0 && slice < 2;
        if (independent) {
          input.fill(0);
          input[0] = pass; input[2] = lane; input[4] = slice; input[6] = blocks; input[8] = passes; input[10] = 2;
        }
        let start = 0;
        if (pass === 0 && slice === 0) {
          start = 2;
          if (independent) nextAddresses();
        }
        let current = lane * laneLength + slice * segmentLength + start;
        let previous = current % laneLength === 0 ? current + laneLength - 1 : current - 1;
        for (let i = start; i < segmentLength; i++, current++, previous++) {
          if (current % laneLength === 1) previous = current - 1;
          let j1, j2;
          if (independent) {
            if (i % 128 === 0) nextAddresses();
            j1 = addresses[2 * (i % 128)];
            j2 = addresses[2 * (i % 128) + 1];
          } else {
            j1 = memory[previous * BLOCK_WORDS];
            j2 = memory[previous * BLOCK_WORDS + 1];
          }
          const refLane = pass === 0 && slice === 0 ? lane : j2 % lanes;
          const sameLane = refLane === lane;
          let area;
          if (pass === 0) {
            area = slice === 0 ? i - 1 : sameLane ? slice * segmentLength + i - 1 : slice * segmentLength + (i === 0 ? -1 : 0);
          } else {
            area = sameLane ? laneLength - segmentLength + i - 1 : laneLength - segmentLength + (i === 0 ? -1 : 0);
          }
          const x = mulHigh(j1, j1);
          const relative = area - 1 - mulHigh(area, x);
          const startPosition = pass !== 0 && slice !== 3 ? (slice + 1) * segmentLength : 0;
          const refIndex = (startPosition + relative) % laneLength;
          const ref = (refLane * laneLength + refIndex) * BLOCK_WORDS;
          fillBlock(memory, previous * BLOCK_WORDS, memory, ref, memory, current * BLOCK_WORDS, pass > 0);
        }
      }
    }
  }
  const last = new Uint32Array(BLOCK_WORDS);
  for (let lane = 0; lane < lanes; lane++) {
    const offset = (lane * laneLength + laneLength - 1) * BLOCK_WORDS;
    for (let i = 0; i < BLOCK_WORDS; i++) last[i] ^= memory[offset + i];
  }
  const bytes = new Uint8Array(1024);
  for (let i = 0; i < 1024; i++) bytes[i] = last[i >> 2] >>> (8 * (i & 3));
  return hashLong(tagLength, bytes);
}

// One call: the WebSocket to the relay, the handshake, the roster, the clock, and flow control (PROTOCOL.md 6 to 9).
import { VideoWindow } from './window.js';
import { readChallenge, refusal, roomKey, answer } from './passphrase.js';
import { RoomCipher } from './e2ee.js';
import { T, KEYFRAME, encode, decode, fields, Reader, nowMicros, text, utf8Bytes, LEAVE_REASONS, ERROR_NAMES } from './wire.js';

/** Clock samples kept; the one with the smallest round trip gives the offset (section 9). */
const CLOCK_SAMPLES = 8;

export class Call extends EventTarget {
  /**
   * @param passphrase the room's, for its CHALLENGE and for end-to-end encryption ('' for none)
   * @param e2ee seal this page's media and open everyone's (every participant must), as the Java clients' --e2ee
   * @param decodes the codec names this page decodes, for CODECS
   */
  constructor(url, name, room, passphrase = '', e2ee = false, decodes = ['jpeg', 'pcm-s16le']) {
    super();
    this.decodes = decodes;
    this.name = name;
    this.room = room;
    this.passphrase = passphrase;
    // The room's cipher, derived while the handshake goes on; frames in and out wait for it, in order.
    this.cipher = e2ee ? RoomCipher.forRoom(passphrase, room) : null;
    this.cipher?.catch((e) => this.emit('error', { message: 'end-to-end encryption could not start: ' + e.message }));
    this.incoming = Promise.resolve();
    this.outgoing = Promise.resolve();
    this.rejected = 0;
    this.decoders = new Map();    // participant -> the codec names of its last CODECS (section 5)
    this.id = 0;
    this.roster = new Map();      // participant number -> name
    this.present = false;         // this page's own JOINED has arrived
    this.offset = 0n;             // relay clock minus this clock, µs
    this.samples = [];
    this.sequences = new Map();   // type -> next sequence number of this page's stream 0
    this.videoReceived = 0;       // VIDEO frames read: what RECEIVED reports, cumulative
    this.acknowledgePending = false;
    this.window = new VideoWindow(4); // what this page's VIDEO may have in flight (section 8); WELCOME sets its start
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => this.send({ type: T.HELLO, payload: fields(['u8', 1], ['string', name], ['string', room], ['string', '']) });
    this.ws.onmessage = (e) => this.receive(e.data);
    this.ws.onclose = (e) => {
      clearInterval(this.pinger);
      this.emit('closed', { code: e.code, reason: e.reason, wasJoined: this.id !== 0 });
    };
  }

  emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail })); }

  send(frame) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encode(frame));
  }

  /** Sends one media frame on this page's stream 0 of its type, stamped on the relay's clock. */
  sendMedia(type, codec, payload, captureMicros = nowMicros()) {
    const sequence = this.sequences.get(type) ?? 0;
    this.sequences.set(type, (sequence + 1) >>> 0);
    if (type === T.VIDEO) this.window.wasSent(performance.now());
    const frame = { type, flags: type === T.TEXT ? 0 : KEYFRAME, sequence, timestamp: captureMicros + this.offset, codec, payload };
    if (!this.cipher) {
      this.send(frame);
      return;
    }
    // Sealed in the order sent: the relay and the receivers see each stream's frames in sequence.
    this.outgoing = this.outgoing.then(async () => {
      const cipher = await this.cipher;
      frame.payload = type === T.TEXT ? await cipher.sealText(text(payload)) : await cipher.seal(type, 0, codec, payload);
      this.send(frame);
    }).catch((e) => this.emit('error', { message: 'could not encrypt: ' + e.message }));
  }

  sendText(line) { this.sendMedia(T.TEXT, '', utf8Bytes(line)); }

  /**
   * Whether every other member of the room decodes codec {@code name} (section 5): a member that sent no CODECS
   * decodes jpeg and pcm-s16le only. True when this page is alone.
   */
  everyoneDecodes(name) {
    for (const id of this.roster.keys()) {
      if (id === this.id) continue;
      const names = this.decoders.get(id);
      if (names ? !names.has(name) : name !== 'jpeg' && name !== 'pcm-s16le') return false;
    }
    return true;
  }

  /** A media frame for the page: as it came, or opened first (in arrival order) when the call is end-to-end encrypted. */
  deliver(event, f, open, apply = (frame, plain) => { frame.payload = plain; }) {
    if (!this.cipher) {
      this.emit(event, f);
      return;
    }
    this.incoming = this.incoming.then(async () => {
      const cipher = await this.cipher;
      try {
        apply(f, await open(cipher));
      } catch (e) {
        // Dropped and counted, as the Java clients do: not sealed (a participant without --e2ee), changed, replayed.
        if (this.rejected++ === 0) this.emit('rejected', { name: this.roster.get(f.sender) ?? '#' + f.sender, why: e.message });
        return;
      }
      this.emit(event, f);
    }).catch(() => {});
  }

  /**
   * Whether a new VIDEO frame may go now: the relay acknowledges what it took in, and this page keeps at most a
   * window of frames unacknowledged, plus nothing waiting in the socket, so its video stays fresh on a slow link.
   */
  videoWindowOpen() {
    if (this.id === 0 || this.ws.bufferedAmount >= 256 * 1024) return false;
    if (this.window.open()) return true;
    this.window.held();
    return false;
  }

  /** The room needs a passphrase: answer with AUTH, or say why not and close (section 5). */
  async answerChallenge(payload) {
    const fail = (message) => {
      this.emit('error', { message });
      this.ws.close(1000);
    };
    let challenge;
    try {
      challenge = readChallenge(payload);
    } catch (e) {
      fail('the relay sent a CHALLENGE that is not well-formed: ' + e.message);
      return;
    }
    if (!this.passphrase) {
      fail(`room ${this.room} needs a passphrase: type it in the form and join again`);
      return;
    }
    const refused = refusal(challenge);
    if (refused) {
      fail(refused);
      return;
    }
    this.emit('checking', {});
    try {
      const key = await roomKey(this.passphrase, challenge);
      this.send({ type: T.AUTH, payload: await answer(key, challenge.nonce, this.room, this.name) });
      this.passphrase = ''; // the call has no further use for it
    } catch (e) {
      fail('could not answer the passphrase challenge: ' + e.message);
    }
  }

  leave() {
    if (this.ws.readyState === WebSocket.OPEN) this.send({ type: T.BYE, payload: fields(['string', 'closed the page']) });
    this.ws.close(1000);
  }

  /** Latency of a frame stamped on the relay's clock, in ms. */
  latencyMillis(timestamp) { return Number(nowMicros() + this.offset - timestamp) / 1000; }

  receive(data) {
    let f;
    try {
      f = decode(data);
    } catch (e) {
      this.emit('error', { message: 'the relay sent something that is not a Parley frame: ' + e.message });
      this.ws.close(1002);
      return;
    }
    switch (f.type) {
      case T.WELCOME: {
        const r = new Reader(f.payload);
        this.id = r.u32(); r.string(); this.maxPayload = r.u32(); this.window = new VideoWindow(r.u16());
        // What this page decodes (section 5, CODECS), so that the room's senders use codecs it can show and play.
        this.send({ type: T.CODECS, payload: fields(['u8', this.decodes.length], ...this.decodes.map((n) => ['string', n])) });
        this.ping();
        this.pinger = setInterval(() => this.ping(), 2000);
        this.emit('welcome', { id: this.id });
        break;
      }
      case T.JOINED: {
        const name = new Reader(f.payload).string();
        this.roster.set(f.sender, name);
        // The JOINED messages up to this page's own are the room as it was; the ones after it are arrivals.
        const arrival = this.present;
        if (f.sender === this.id) this.present = true;
        this.emit('roster', { joined: f.sender, name, arrival });
        break;
      }
      case T.LEFT: {
        const r = new Reader(f.payload);
        const reason = LEAVE_REASONS[r.u8()] ?? 'left';
        const name = r.string();
        this.roster.delete(f.sender);
        this.decoders.delete(f.sender);
        this.emit('roster', { left: f.sender, name, reason });
        break;
      }
      case T.ERROR: {
        const r = new Reader(f.payload);
        const code = r.u16();
        this.emit('error', { code: ERROR_NAMES[code] ?? code, message: r.string() });
        break;
      }
      case T.CHALLENGE:
        this.answerChallenge(f.payload);
        break;
      case T.TEXT:
        if (this.cipher) {
          this.deliver('text', { sender: f.sender, name: this.roster.get(f.sender) ?? '#' + f.sender, timestamp: f.timestamp },
            (cipher) => cipher.openText(f.payload), (detail, line) => { detail.line = line; });
        } else {
          this.emit('text', { sender: f.sender, name: this.roster.get(f.sender) ?? '#' + f.sender, line: text(f.payload), timestamp: f.timestamp });
        }
        break;
      case T.VIDEO:
        this.videoReceived = (this.videoReceived + 1) >>> 0; // read, whether or not it opens (section 8)
        this.acknowledgeSoon();
        this.deliver('video', f, (cipher) => cipher.open(f.type, f.stream, f.codec, f.payload));
        break;
      case T.AUDIO:
        this.deliver('audio', f, (cipher) => cipher.open(f.type, f.stream, f.codec, f.payload));
        break;
      case T.RECEIVED: {
        this.window.acknowledged(new Reader(f.payload).u32(), performance.now());
        break;
      }
      case T.PING: {
        const t2 = nowMicros();
        const t1 = new Reader(f.payload).i64();
        this.send({ type: T.PONG, payload: fields(['i64', t1], ['i64', t2], ['i64', nowMicros()]) });
        break;
      }
      case T.PONG: {
        const t4 = nowMicros();
        const r = new Reader(f.payload);
        const t1 = r.i64(), t2 = r.i64(), t3 = r.i64();
        let rtt = (t4 - t1) - (t3 - t2);
        if (rtt < 0n) rtt = 0n;
        this.samples.push({ rtt, offset: ((t2 - t1) + (t3 - t4)) / 2n });
        if (this.samples.length > CLOCK_SAMPLES) this.samples.shift();
        this.offset = this.samples.reduce((best, s) => (s.rtt < best.rtt ? s : best)).offset;
        this.rttMillis = Number(rtt) / 1000;
        break;
      }
      case T.CODECS: {
        const r = new Reader(f.payload);
        const names = new Set();
        for (let n = r.u8(); n > 0; n--) names.add(r.string());
        this.decoders.set(f.sender, names);
        break;
      }
      default:
        break; // KEYFRAME_REQUEST: nothing for a JPEG sender to do, every frame is a keyframe
    }
  }

  ping() { this.send({ type: T.PING, payload: fields(['i64', nowMicros()]) }); }

  /** One RECEIVED per batch of VIDEO messages: after the messages already waiting have been handled. */
  acknowledgeSoon() {
    if (this.acknowledgePending) return;
    this.acknowledgePending = true;
    setTimeout(() => {
      this.acknowledgePending = false;
      this.send({ type: T.RECEIVED, payload: fields(['u32', this.videoReceived]) });
    }, 0);
  }
}

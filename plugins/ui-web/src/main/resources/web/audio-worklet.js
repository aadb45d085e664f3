// Audio off the main thread: the microphone to 16 kHz 20 ms frames, and the remote streams' jitter buffers and mix.
const RATE = 16000;
const FRAME = 320;              // 20 ms at 16 kHz
const TARGET = RATE * 0.06;     // a stream starts (and starts again after running dry) with 60 ms buffered
const MAX = RATE * 0.2;         // beyond 200 ms buffered, the oldest goes: latency stays short
const SIZE = 8192;              // ring size in samples, a power of two above MAX

class Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / RATE; // input samples per output sample
    this.t = 0;
    this.previous = 0;
    this.frame = new Int16Array(FRAME);
    this.n = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const x = input[i];
      // Linear interpolation between the previous input sample and this one, at every output instant in between.
      while (this.t < 1) {
        const v = this.previous + (x - this.previous) * this.t;
        this.frame[this.n++] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
        if (this.n === FRAME) {
          this.port.postMessage(this.frame, [this.frame.buffer]);
          this.frame = new Int16Array(FRAME);
          this.n = 0;
        }
        this.t += this.ratio;
      }
      this.t -= 1;
      this.previous = x;
    }
    return true;
  }
}

class Stream {
  constructor() {
    this.ring = new Float32Array(SIZE);
    this.written = 0;   // samples ever written
    this.read = 0;      // fractional read position, same count
    this.playing = false;
    this.underruns = 0;
    this.trimmed = 0;
    this.lastPush = currentTime;
  }

  depth() { return this.written - Math.floor(this.read); }

  push(samples) {
    for (let i = 0; i < samples.length; i++) this.ring[(this.written++) & (SIZE - 1)] = samples[i] / 32768;
    if (this.depth() > MAX) {
      this.read = this.written - TARGET;
      this.trimmed++;
    }
    this.lastPush = currentTime;
  }

  next(step) {
    if (!this.playing) {
      if (this.depth() < TARGET) return 0;
      this.playing = true;
    }
    if (this.depth() < 2) {
      this.playing = false;
      this.underruns++;
      return 0;
    }
    const i = Math.floor(this.read);
    const f = this.read - i;
    const a = this.ring[i & (SIZE - 1)];
    const b = this.ring[(i + 1) & (SIZE - 1)];
    // Well above the target (a burst arrived, or the sender's clock runs fast): play 3 % faster until back near it,
    // so the buffer stays short without a jump.
    this.read += this.depth() > 2 * TARGET ? step * 1.03 : step;
    return a + (b - a) * f;
  }
}

class Playout extends AudioWorkletProcessor {
  constructor() {
    super();
    this.streams = new Map();
    this.step = RATE / sampleRate; // stream samples per output sample
    this.lastReport = 0;
    this.port.onmessage = (e) => {
      const { key, samples, remove } = e.data;
      if (remove !== undefined) {
        for (const k of [...this.streams.keys()]) if (k.startsWith(remove + '/')) this.streams.delete(k);
        return;
      }
      let s = this.streams.get(key);
      if (!s) this.streams.set(key, (s = new Stream()));
      s.push(samples);
    };
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    for (let i = 0; i < out.length; i++) {
      let sum = 0;
      for (const s of this.streams.values()) sum += s.next(this.step);
      out[i] = Math.max(-1, Math.min(1, sum));
    }
    if (currentTime - this.lastReport >= 1) {
      this.lastReport = currentTime;
      const report = {};
      for (const [key, s] of this.streams) {
        if (currentTime - s.lastPush > 5 && s.depth() < 2) {
          this.streams.delete(key); // a stream silent for 5 s leaves the mix
          continue;
        }
        report[key] = { depthMillis: Math.round((s.depth() / RATE) * 1000), underruns: s.underruns, trimmed: s.trimmed };
      }
      this.port.postMessage(report);
    }
    return true;
  }
}

registerProcessor('parley-capture', Capture);
registerProcessor('parley-playout', Playout);

// Audio through Web Audio: remote PCM (and Opus, decoded by WebCodecs) into the playout worklet, the microphone out
// of the capture worklet.
export const PCM = 'pcm-s16le;rate=16000';

/** The samples of a pcm-s16le payload. */
export function pcmSamples(payload) {
  const samples = new Int16Array(payload.length >> 1);
  const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  for (let i = 0; i < samples.length; i++) samples[i] = v.getInt16(i * 2, true);
  return samples;
}

/** A pcm-s16le payload of {@code samples}. */
export function pcmBytes(samples) {
  const bytes = new Uint8Array(samples.length * 2);
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) v.setInt16(i * 2, samples[i], true);
  return bytes;
}

export class Audio {
  async start() {
    try {
      this.context = new AudioContext({ sampleRate: 16000, latencyHint: 'interactive' });
    } catch (e) {
      this.context = new AudioContext({ latencyHint: 'interactive' }); // the worklets resample
    }
    await this.context.audioWorklet.addModule('audio-worklet.js');
    this.playout = new AudioWorkletNode(this.context, 'parley-playout', { numberOfInputs: 0, outputChannelCount: [1] });
    this.playout.connect(this.context.destination);
    this.report = {};
    this.playout.port.onmessage = (e) => { this.report = e.data; };
    if (this.context.state === 'suspended') await this.context.resume();
  }

  /**
   * The codec names this page decodes, for CODECS: JPEG and PCM always, Opus where the browser's WebCodecs decodes
   * it (then a room whose Java participants have the Opus plugin keeps Opus with the page in it).
   */
  static async decodableCodecs() {
    const names = ['jpeg', 'pcm-s16le'];
    try {
      if (typeof AudioDecoder !== 'undefined'
          && (await AudioDecoder.isConfigSupported({ codec: 'opus', sampleRate: 48000, numberOfChannels: 1 })).supported) {
        names.push('opus');
      }
    } catch (e) {
      // No WebCodecs: PCM only.
    }
    return names;
  }

  /** One AUDIO frame; returns false for a codec this page cannot play. */
  play(f) {
    const key = f.sender + '/' + f.stream;
    if (f.codec.startsWith('opus')) return this.playOpus(key, f);
    if (f.codec !== PCM && f.codec !== PCM + ';channels=1') return false;
    const samples = pcmSamples(f.payload);
    this.playout.port.postMessage({ key, samples }, [samples.buffer]);
    return true;
  }

  /**
   * An Opus packet (codec id opus;rate=R[;channels=C], one packet per frame, as the Opus plugin sends) through a
   * WebCodecs decoder per stream, made again when the stream's codec id changes; what it decodes goes to the
   * playout worklet as 16 kHz mono, as PCM does.
   */
  playOpus(key, f) {
    if (typeof AudioDecoder === 'undefined') return false;
    this.decoders ??= new Map();
    let d = this.decoders.get(key);
    if (d && d.codec !== f.codec) {
      d.decoder.close();
      d = undefined;
    }
    if (!d) {
      const rate = Number(/;rate=(\d+)/.exec(f.codec)?.[1] ?? 48000);
      const channels = Number(/;channels=(\d+)/.exec(f.codec)?.[1] ?? 1);
      const decoder = new AudioDecoder({
        output: (data) => this.decoded(key, data),
        error: () => this.decoders.delete(key), // made again with the next packet
      });
      decoder.configure({ codec: 'opus', sampleRate: rate, numberOfChannels: channels });
      d = { decoder, codec: f.codec };
      this.decoders.set(key, d);
    }
    if (d.decoder.state !== 'configured') return false;
    d.decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: Number(f.timestamp), data: f.payload }));
    return true;
  }

  /** Decoded audio, mixed to mono and brought to 16 kHz (linear interpolation; Opus at 16 kHz holds nothing above 8). */
  decoded(key, data) {
    const frames = data.numberOfFrames;
    const mono = new Float32Array(frames);
    const plane = new Float32Array(frames);
    for (let c = 0; c < data.numberOfChannels; c++) {
      data.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
      for (let i = 0; i < frames; i++) mono[i] += plane[i] / data.numberOfChannels;
    }
    const step = data.sampleRate / 16000;
    data.close();
    const n = Math.floor(frames / step);
    const samples = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      const at = i * step;
      const j = Math.floor(at);
      const next = j + 1 < frames ? mono[j + 1] : mono[j];
      const v = mono[j] + (next - mono[j]) * (at - j);
      samples[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
    }
    this.playout.port.postMessage({ key, samples }, [samples.buffer]);
  }

  forget(sender) {
    this.playout.port.postMessage({ remove: sender });
    for (const [key, d] of this.decoders ?? []) {
      if (key.startsWith(sender + '/')) {
        d.decoder.close();
        this.decoders.delete(key);
      }
    }
  }

  /** The microphone as 20 ms frames of 16 kHz samples, handed to onFrame(Int16Array). */
  async microphone(stream, onFrame) {
    const source = this.context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(this.context, 'parley-capture', { numberOfOutputs: 1 });
    capture.port.onmessage = (e) => onFrame(e.data);
    // A node must lead to the destination to be run; silent, so the user does not hear themselves.
    const silent = this.context.createGain();
    silent.gain.value = 0;
    source.connect(capture).connect(silent).connect(this.context.destination);
  }

  close() {
    for (const d of this.decoders?.values() ?? []) if (d.decoder.state !== 'closed') d.decoder.close();
    if (this.context) this.context.close();
  }
}

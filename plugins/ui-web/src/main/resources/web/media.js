// This page's own camera and microphone, sent as VIDEO (JPEG) and AUDIO (16 kHz s16le PCM) frames.
import { T, nowMicros } from './wire.js';
import { PCM, pcmBytes } from './audio.js';

/** The Java client's default stream (config/parley.media.cfg): 640 × 480 at 15 frames a second. */
export const STREAM = { width: 640, height: 480, fps: 15 };

/**
 * Asks for a camera and a microphone, each on its own if both together fail.
 * @returns {{ stream: MediaStream|null, missing: string[] }}
 */
export async function devices() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return { stream: null, missing: ['camera', 'microphone'], why: 'the browser offers them only to pages from https:// or localhost' };
  }
  const video = { width: { ideal: STREAM.width }, height: { ideal: STREAM.height }, frameRate: { ideal: STREAM.fps } };
  const audio = { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  let why;
  for (const [ask, missing] of [[{ video, audio }, []], [{ video }, ['microphone']], [{ audio }, ['camera']]]) {
    try {
      return { stream: await navigator.mediaDevices.getUserMedia(ask), missing };
    } catch (e) {
      why = e.name === 'NotAllowedError' ? 'permission was refused' : e.message || e.name;
    }
  }
  return { stream: null, missing: ['camera', 'microphone'], why };
}

/**
 * Frames of the camera drawn to a canvas of the stream's size (as large as fits, its shape kept, black bars where it
 * differs, as the Java client does with pictures of another shape) and encoded as JPEG at the stream's rate.
 */
export class Camera {
  constructor(call, stream, preview) {
    this.call = call;
    this.on = true;
    this.sent = [];
    this.held = 0;
    this.video = preview;
    this.video.srcObject = stream;
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.play().catch(() => {});
    this.canvas = document.createElement('canvas');
    this.canvas.width = STREAM.width;
    this.canvas.height = STREAM.height;
    this.context = this.canvas.getContext('2d');
    this.busy = false;
    this.timer = setInterval(() => this.grab(), 1000 / STREAM.fps);
  }

  /** The camera's picture, as large as fits the stream's size with its shape kept, centred on black. */
  drawFitted() {
    const vw = this.video.videoWidth || STREAM.width;
    const vh = this.video.videoHeight || STREAM.height;
    const scale = Math.min(STREAM.width / vw, STREAM.height / vh);
    const w = Math.round(vw * scale);
    const h = Math.round(vh * scale);
    if (w !== STREAM.width || h !== STREAM.height) {
      this.context.fillStyle = '#000';
      this.context.fillRect(0, 0, STREAM.width, STREAM.height);
    }
    this.context.drawImage(this.video, (STREAM.width - w) >> 1, (STREAM.height - h) >> 1, w, h);
  }

  grab() {
    if (!this.on || this.video.readyState < 2) return;
    // Encoding still running, or the relay has not taken in what was sent: skip, the next frame is fresher.
    if (this.busy || !this.call.videoWindowOpen()) {
      this.held++;
      return;
    }
    this.busy = true;
    const captured = nowMicros();
    this.drawFitted();
    this.canvas.toBlob(async (blob) => {
      if (blob) {
        this.call.sendMedia(T.VIDEO, 'jpeg', new Uint8Array(await blob.arrayBuffer()), captured);
        this.sent.push(performance.now());
      }
      this.busy = false;
    }, 'image/jpeg', 0.75);
  }

  fps() {
    const now = performance.now();
    this.sent = this.sent.filter((t) => now - t < 1000);
    return this.sent.length;
  }

  stop() { clearInterval(this.timer); }
}

/** The microphone's 20 ms frames as AUDIO, while on. */
/** What the page sends its microphone as when everyone in the room decodes Opus: 16 kHz mono, 20 ms packets. */
const OPUS = { codec: 'opus', sampleRate: 16000, numberOfChannels: 1, bitrate: 24000, opus: { frameDuration: 20000 } };
export const OPUS_CODEC_ID = 'opus;rate=16000';

/**
 * The microphone as 20 ms frames: Opus (WebCodecs' AudioEncoder) while every other member of the room decodes it,
 * as the Java clients' codec agreement does (PROTOCOL.md section 5), else PCM, which everyone decodes.
 */
export class Microphone {
  constructor(call, audio, stream) {
    this.on = true;
    this.frames = 0;
    this.call = call;
    this.encoder = null;
    this.startOpus();
    audio.microphone(stream, (samples) => {
      if (!this.on) return;
      this.frames++;
      const captured = nowMicros() - 20000n;
      if (this.encoder?.state === 'configured' && call.everyoneDecodes('opus')) {
        this.encodeOpus(samples, captured);
      } else {
        call.sendMedia(T.AUDIO, PCM, pcmBytes(samples), captured);
      }
    });
  }

  async startOpus() {
    try {
      if (typeof AudioEncoder === 'undefined' || !(await AudioEncoder.isConfigSupported(OPUS)).supported) return;
      const encoder = new AudioEncoder({
        output: (chunk) => {
          const packet = new Uint8Array(chunk.byteLength);
          chunk.copyTo(packet);
          this.call.sendMedia(T.AUDIO, OPUS_CODEC_ID, packet, BigInt(chunk.timestamp));
        },
        error: () => { this.encoder = null; }, // PCM from here on
      });
      encoder.configure(OPUS);
      this.encoder = encoder;
    } catch (e) {
      this.encoder = null;
    }
  }

  /** One 20 ms frame of 16 kHz samples into the Opus encoder, stamped with its capture time. */
  encodeOpus(samples, captured) {
    const data = new AudioData({ format: 's16', sampleRate: 16000, numberOfFrames: samples.length, numberOfChannels: 1,
      timestamp: Number(captured), data: samples });
    this.encoder.encode(data);
    data.close();
  }

  stop() {
    if (this.encoder && this.encoder.state !== 'closed') this.encoder.close();
  }
}

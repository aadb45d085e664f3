// Audio through Web Audio: remote PCM into the playout worklet, the microphone out of the capture worklet.
export const PCM = 'pcm-s16le;rate=16000';

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

  /** One AUDIO frame; returns false for a codec this page cannot play. */
  play(f) {
    if (f.codec !== PCM && f.codec !== PCM + ';channels=1') return false;
    const n = f.payload.length >> 1;
    const samples = new Int16Array(n);
    const v = new DataView(f.payload.buffer, f.payload.byteOffset, f.payload.byteLength);
    for (let i = 0; i < n; i++) samples[i] = v.getInt16(i * 2, true);
    this.playout.port.postMessage({ key: f.sender + '/' + f.stream, samples }, [samples.buffer]);
    return true;
  }

  forget(sender) { this.playout.port.postMessage({ remove: sender }); }

  /** The microphone as 20 ms frames of 16 kHz s16le, handed to onFrame(bytes). */
  async microphone(stream, onFrame) {
    const source = this.context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(this.context, 'parley-capture', { numberOfOutputs: 1 });
    capture.port.onmessage = (e) => {
      const samples = e.data;
      const bytes = new Uint8Array(samples.length * 2);
      const v = new DataView(bytes.buffer);
      for (let i = 0; i < samples.length; i++) v.setInt16(i * 2, samples[i], true);
      onFrame(bytes);
    };
    // A node must lead to the destination to be run; silent, so the user does not hear themselves.
    const silent = this.context.createGain();
    silent.gain.value = 0;
    source.connect(capture).connect(silent).connect(this.context.destination);
  }

  close() { if (this.context) this.context.close(); }
}

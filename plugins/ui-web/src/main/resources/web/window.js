// How many unacknowledged VIDEO frames this page may have in flight to the relay: the same rule as the Java
// clients' and the relay's (dev.parley.protocol.VideoWindow, PROTOCOL.md section 8), sized from how long the
// relay's RECEIVED take to come back rather than fixed at WELCOME's videoWindow.
//  - An acknowledgement whose newest frame waited less than half the latency target, while the window was what held
//    video back: the window grows by the frames just acknowledged (it doubles every round trip on a fast link).
//  - One that waited longer than the target: the window shrinks in proportion (three times the target leaves a
//    third), at most once per window of frames.
//  - In between: it stays.
// Counts are u32 and wrap, as on the wire.

/** The call's video latency target, as the Java clients' (CallCore.VIDEO_LATENCY_TARGET_MILLIS). */
export const LATENCY_TARGET_MILLIS = 100;

export class VideoWindow {
  /** @param {number} initial WELCOME's videoWindow; @param {number} targetMillis the latency target */
  constructor(initial, targetMillis = LATENCY_TARGET_MILLIS) {
    this.size = Math.max(1, initial);
    this.targetMillis = Math.max(1, targetMillis);
    this.sentAt = new Map(); // frame count -> when it went out (performance.now())
    this.sent = 0;
    this.acked = 0;
    this.limited = false;
    this.shrinkFence = 0;
    this.lastDelayMillis = -1;
  }

  inFlight() { return (this.sent - this.acked) >>> 0; }

  /** Whether one more frame may go now. */
  open() { return this.inFlight() < this.size; }

  /** A frame was held back because the window was full: the window is what limits this page's video. */
  held() { this.limited = true; }

  /** A VIDEO frame went out at {@code now} (milliseconds). */
  wasSent(now) {
    this.sentAt.set(this.sent, now);
    this.sent = (this.sent + 1) >>> 0;
  }

  /** The relay reported {@code count} VIDEO frames of this page taken in, in total, at {@code now}. */
  acknowledged(count, now) {
    if (((count - this.sent) | 0) > 0) count = this.sent; // ahead of what was sent: everything sent
    const newly = (count - this.acked) | 0;
    if (newly <= 0) return; // stale, or nothing new
    const newest = (count - 1) >>> 0;
    const at = this.sentAt.get(newest);
    for (let i = this.acked; i !== count; i = (i + 1) >>> 0) this.sentAt.delete(i);
    this.acked = count >>> 0;
    if (at === undefined) return;
    const delay = now - at;
    this.lastDelayMillis = delay;
    if (delay > this.targetMillis) {
      if (((this.acked - this.shrinkFence) | 0) >= 0) {
        this.size = Math.max(1, Math.floor(this.size * this.targetMillis / delay));
        this.shrinkFence = this.sent;
      }
    } else if (delay < this.targetMillis / 2 && this.limited) {
      this.size += newly;
    }
    this.limited = false;
  }
}

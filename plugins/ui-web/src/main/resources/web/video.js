// Video tiles: each stream shows its newest JPEG. A frame that arrives while the previous one is still decoding
// replaces the one waiting, so the page never builds a backlog; what it had no time for is counted as dropped.

export class Tiles {
  constructor(container, call) {
    this.container = container;
    this.call = call;
    this.tiles = new Map(); // "sender/stream" -> tile
  }

  frame(f) {
    const key = f.sender + '/' + f.stream;
    let tile = this.tiles.get(key);
    if (!tile) {
      tile = this.newTile(key, f.sender);
      this.tiles.set(key, tile);
    }
    const s = tile.stats;
    s.received++;
    if (s.lastSequence !== undefined) {
      const gap = ((f.sequence - s.lastSequence) >>> 0) - 1;
      if (gap > 0 && gap < 0x80000000) s.dropped += gap; // dropped on the way (the relay keeps the newest)
    }
    s.lastSequence = f.sequence;
    if (tile.waiting) s.dropped++; // replaced before this page had time to show it
    tile.waiting = f;
    if (!tile.busy) this.show(tile);
  }

  async show(tile) {
    tile.busy = true;
    while (tile.waiting) {
      const f = tile.waiting;
      tile.waiting = null;
      try {
        const bitmap = await createImageBitmap(new Blob([f.payload], { type: 'image/jpeg' }));
        if (tile.canvas.width !== bitmap.width || tile.canvas.height !== bitmap.height) {
          tile.canvas.width = bitmap.width;
          tile.canvas.height = bitmap.height;
        }
        tile.context.drawImage(bitmap, 0, 0);
        bitmap.close();
        tile.stats.shown.push(performance.now());
        tile.stats.latency = this.call.latencyMillis(f.timestamp);
      } catch (e) {
        tile.stats.undecodable++;
      }
    }
    tile.busy = false;
  }

  newTile(key, sender) {
    const element = document.createElement('figure');
    element.className = 'tile';
    element.dataset.key = key;
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const caption = document.createElement('figcaption');
    const name = document.createElement('span');
    name.className = 'name';
    const figures = document.createElement('span');
    figures.className = 'figures';
    caption.append(name, figures);
    element.append(canvas, caption);
    this.container.append(element);
    return {
      element, canvas, context: canvas.getContext('2d'), name, figures, sender, busy: false, waiting: null,
      stats: { received: 0, dropped: 0, undecodable: 0, shown: [], latency: NaN, lastSequence: undefined },
    };
  }

  /** Removes a participant's tiles (it left). */
  remove(sender) {
    for (const [key, tile] of this.tiles) {
      if (tile.sender === sender) {
        tile.element.remove();
        this.tiles.delete(key);
      }
    }
  }

  /** Names and per-stream figures, once a second. */
  refresh() {
    const now = performance.now();
    for (const tile of this.tiles.values()) {
      const s = tile.stats;
      s.shown = s.shown.filter((t) => now - t < 1000);
      tile.name.textContent = this.call.roster.get(tile.sender) ?? '#' + tile.sender;
      tile.figures.textContent = `${s.shown.length} fps · ${isNaN(s.latency) ? '–' : Math.round(s.latency) + ' ms'} · ${s.dropped} dropped`;
      tile.element.dataset.fps = String(s.shown.length);
      tile.element.dataset.received = String(s.received);
    }
  }
}

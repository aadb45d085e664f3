// The page: join form, roster, chat, tiles, audio, and this browser's own camera and microphone.
import { Call } from './call.js';
import { Tiles } from './video.js';
import { Audio } from './audio.js';
import { devices, Camera, Microphone } from './media.js';

const $ = (id) => document.getElementById(id);
let call = null;
let session = null;

function note(text, error = false) {
  $('note').textContent = text;
  $('note').className = error ? 'error' : '';
  $('note').hidden = !text;
}

function chatLine(who, line, kind = '') {
  const li = document.createElement('li');
  if (kind) li.className = kind;
  if (who) {
    const w = document.createElement('span');
    w.className = 'who';
    w.textContent = who;
    li.append(w);
  }
  li.append(document.createTextNode(line));
  const chat = $('chat');
  const atEnd = chat.scrollTop + chat.clientHeight >= chat.scrollHeight - 4;
  chat.append(li);
  if (atEnd) chat.scrollTop = chat.scrollHeight;
}

/** Figures of each participant's audio, kept per sender. */
class AudioFigures {
  constructor() { this.bySender = new Map(); }
  frame(f, latency) {
    let s = this.bySender.get(f.sender);
    if (!s) this.bySender.set(f.sender, (s = { times: [], dropped: 0, last: undefined, latency: NaN }));
    if (s.last !== undefined) {
      const gap = ((f.sequence - s.last) >>> 0) - 1;
      if (gap > 0 && gap < 0x80000000) s.dropped += gap;
    }
    s.last = f.sequence;
    s.codec = f.codec.split(';')[0];
    s.times.push(performance.now());
    s.latency = latency;
  }
  text(sender, report) {
    const s = this.bySender.get(sender);
    if (!s) return '';
    const now = performance.now();
    s.times = s.times.filter((t) => now - t < 1000);
    const buffer = Object.entries(report).find(([k]) => k.startsWith(sender + '/'));
    const depth = buffer ? ` · buffer ${buffer[1].depthMillis} ms` : '';
    return `audio ${s.codec} ${s.times.length} fps · ${isNaN(s.latency) ? '–' : Math.round(s.latency) + ' ms'} · ${s.dropped} dropped${depth}`;
  }
}

function renderRoster() {
  const list = $('roster');
  list.replaceChildren();
  for (const [id, name] of call.roster) {
    const li = document.createElement('li');
    li.dataset.participant = id;
    li.textContent = name + (id === call.id ? ' (you)' : '');
    const figures = document.createElement('span');
    figures.className = 'figures';
    li.append(figures);
    list.append(li);
  }
}

function refresh() {
  if (!call) return;
  session.tiles.refresh();
  for (const li of $('roster').children) {
    const id = Number(li.dataset.participant);
    const f = li.querySelector('.figures');
    if (id === call.id) {
      const cam = session.camera;
      f.textContent = cam ? `sending ${cam.on ? cam.fps() + ' fps' : 'no video'}${session.microphone?.on ? ' and audio' : ''}` : '';
    } else {
      f.textContent = session.audioFigures.text(id, session.audio.report);
    }
  }
  $('status').textContent = `room ${call.room} as ${call.name}` + (call.rttMillis !== undefined ? ` · round trip ${call.rttMillis.toFixed(1)} ms` : '');
}

async function startDevices() {
  const { stream, missing, why } = await devices();
  if (missing.length) {
    note(`Receive only: no ${missing.join(' and no ')} (${why ?? 'none found'}). You can see, hear and chat; the others ${
      missing.length === 2 ? 'do not see or hear you' : missing[0] === 'camera' ? 'hear you but do not see you' : 'see you but do not hear you'}.`);
  }
  if (!stream || !call) return;
  session.stream = stream;
  if (stream.getVideoTracks().length) {
    const figure = document.createElement('figure');
    figure.className = 'tile self';
    const preview = document.createElement('video');
    const caption = document.createElement('figcaption');
    caption.textContent = call.name + ' (you)';
    figure.append(preview, caption);
    $('tiles').prepend(figure);
    session.camera = new Camera(call, stream, preview);
    $('camera').hidden = false;
  } else {
    $('camera').hidden = true;
  }
  if (stream.getAudioTracks().length) {
    session.microphone = new Microphone(call, session.audio, stream);
    $('microphone').hidden = false;
  } else {
    $('microphone').hidden = true;
  }
}

function toggle(button, source, what) {
  if (!source) return;
  source.on = !source.on;
  button.setAttribute('aria-pressed', String(!source.on));
  button.textContent = `${what} ${source.on ? 'on' : 'off'}`;
}

function stopSession() {
  if (!session) return;
  clearInterval(session.refresher);
  session.camera?.stop();
  session.microphone?.stop();
  session.stream?.getTracks().forEach((t) => t.stop());
  session.audio.close();
  session = null;
}

async function join(name, room, passphrase, e2ee) {
  if (e2ee && !passphrase) {
    note('End-to-end encryption needs the room\'s passphrase: everyone in the room derives the keys from it.', true);
    return;
  }
  if (e2ee && !globalThis.crypto?.subtle) {
    note('End-to-end encryption needs the page opened over https:// (or from localhost).', true);
    return;
  }
  localStorage.setItem('parley.name', name);
  note('');
  $('status').textContent = 'connecting…';
  const audio = new Audio();
  await audio.start();
  call = new Call(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/call`, name, room, passphrase, e2ee,
    await Audio.decodableCodecs());
  session = { audio, audioFigures: new AudioFigures(), tiles: new Tiles($('tiles'), call) };
  session.refresher = setInterval(refresh, 1000);
  const current = call;
  call.addEventListener('checking', () => { $('status').textContent = 'proving the passphrase…'; });
  call.addEventListener('welcome', () => {
    $('join').hidden = true;
    $('call').hidden = false;
    $('controls').hidden = false;
    $('chat').replaceChildren();
    startDevices();
  });
  call.addEventListener('roster', (e) => {
    const d = e.detail;
    if (d.joined !== undefined && d.arrival) chatLine('', `${d.name} joined`, 'event');
    if (d.left !== undefined) {
      chatLine('', `${d.name} ${d.reason}`, 'event');
      session.tiles.remove(d.left);
      session.audio.forget(d.left);
    }
    renderRoster();
  });
  call.addEventListener('text', (e) => chatLine(e.detail.name, e.detail.line));
  call.addEventListener('rejected', (e) => note(`Dropping what cannot be opened end to end (from ${e.detail.name}: ${
    e.detail.why}). Everyone in the room must encrypt end to end, with the same passphrase.`, true));
  call.addEventListener('video', (e) => session.tiles.frame(e.detail));
  call.addEventListener('audio', (e) => {
    if (session.audio.play(e.detail)) session.audioFigures.frame(e.detail, call.latencyMillis(e.detail.timestamp));
  });
  call.addEventListener('error', (e) => note(`The relay closed the call: ${e.detail.message}${e.detail.code ? ' (' + e.detail.code + ')' : ''}`, true));
  call.addEventListener('closed', (e) => {
    if (call !== current) return;
    if (!e.detail.wasJoined && $('note').hidden) note(`Could not join: the connection closed (${e.detail.code}${e.detail.reason ? ', ' + e.detail.reason : ''}).`, true);
    $('status').textContent = 'not connected';
    $('controls').hidden = true;
    $('tiles').replaceChildren(); // the chat stays readable; the pictures and the roster were of this call
    $('roster').replaceChildren();
    $('join').hidden = false;
    stopSession();
    call = null;
  });
}

$('name').value = localStorage.getItem('parley.name') ?? '';
const params = new URLSearchParams(location.search);
if (params.get('room')) $('room').value = params.get('room');
if (params.get('name')) $('name').value = params.get('name');

$('join').addEventListener('submit', (e) => {
  e.preventDefault();
  join($('name').value.trim(), $('room').value.trim(), $('passphrase').value, $('e2ee').checked).catch((err) => note('Could not start: ' + err.message, true));
});
$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const line = $('line').value;
  if (!line.trim() || !call) return;
  call.sendText(line);
  chatLine(call.name, line); // the relay sends a line to everyone but its sender
  $('line').value = '';
});
$('camera').addEventListener('click', () => toggle($('camera'), session?.camera, 'Camera'));
$('microphone').addEventListener('click', () => toggle($('microphone'), session?.microphone, 'Microphone'));
$('leave').addEventListener('click', () => call?.leave());
window.addEventListener('pagehide', () => call?.leave());

// Argon2id off the page's thread: a CHALLENGE's key takes a second or two in a browser, and the page stays live.
import { argon2id } from './argon2.js';

self.onmessage = (e) => {
  const { password, salt, memoryKiB, passes, lanes } = e.data;
  try {
    self.postMessage({ key: argon2id(password, salt, memoryKiB, passes, lanes) });
  } catch (error) {
    self.postMessage({ error: error.message || String(error) });
  }
};

// The conversation kept in the browser so it survives a reload: a stable session id (Rasa's
// socket.io `session_id`, with session_persistence on the server) and the messages shown so far.
// localStorage when the browser allows it, memory otherwise (private modes, blocked storage).

const SESSION_KEY = "bhc.session.v1";
const HISTORY_KEY = "bhc.history.v1";
const LANGUAGE_KEY = "bhc.language.v1"; // the person's English / Español choice: kept across conversations
export const MAX_ITEMS = 200;

function browserStorage() {
  try {
    const storage = window.localStorage;
    storage.setItem("bhc.probe", "1");
    storage.removeItem("bhc.probe");
    return storage;
  } catch (_error) {
    return null;
  }
}

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

export class ConversationStore {
  constructor(storage = browserStorage() || new MemoryStorage()) {
    this.storage = storage;
  }

  /** The stored session token (minted by the server), or null for a new visitor. */
  sessionId() {
    const id = this.storage.getItem(SESSION_KEY);
    return id && /^[0-9a-f]{32}\.[0-9a-f]{32}$/.test(id) ? id : null;
  }

  /** Keep the token the server confirmed (bot/channels/socketio.py signs it). */
  setSessionId(id) {
    if (typeof id === "string" && /^[0-9a-f]{32}\.[0-9a-f]{32}$/.test(id)) {
      this.storage.setItem(SESSION_KEY, id);
    }
  }

  /** The chosen language ("en" or "es"), or null when the person has not chosen. */
  language() {
    const value = this.storage.getItem(LANGUAGE_KEY);
    return value === "en" || value === "es" ? value : null;
  }

  setLanguage(value) {
    if (value === "en" || value === "es") this.storage.setItem(LANGUAGE_KEY, value);
  }

  /** Forget everything and start a new session: the server mints its token on the next request. */
  newSession() {
    this.clear();
    return null;
  }

  clear() {
    this.storage.removeItem(SESSION_KEY);
    this.storage.removeItem(HISTORY_KEY);
  }

  /** Messages shown so far: [{from: "user"|"bot"|"system", text, buttons?, lang?}]. */
  history() {
    try {
      const items = JSON.parse(this.storage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(items) ? items.filter(isItem) : [];
    } catch (_error) {
      return [];
    }
  }

  append(item) {
    const items = this.history();
    items.push(item);
    try {
      this.storage.setItem(HISTORY_KEY, JSON.stringify(items.slice(-MAX_ITEMS)));
    } catch (_error) {
      // Storage full or blocked: the conversation goes on, only the reload history is lost.
    }
  }
}

function isItem(item) {
  return item && typeof item === "object" && ["user", "bot", "system"].includes(item.from)
    && typeof item.text === "string";
}

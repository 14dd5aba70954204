// Rasa's socket.io channel (socket.io-client v4 against python-socketio 5.9 in Rasa 3.6).
// Protocol: on every (re)connect send `session_request {session_id}`; Rasa joins this socket to the
// session's room and answers `session_confirm`. Only then are user messages sent
// (`user_uttered {message, session_id}`); replies come as `bot_uttered` to the session's room, so a
// reloaded page or a second tab with the same session id gets them too.

export class RasaSocket {
  /**
   * @param {string} url   the Rasa server (e.g. http://localhost:5005)
   * @param {() => string} sessionId  the current session id
   * @param {{onMessage, onStatus, onReady}} handlers
   */
  constructor(url, sessionId, handlers) {
    this.url = url;
    this.sessionId = sessionId;
    this.handlers = handlers;
    this.ready = false;
    this.outbox = [];
    this.socket = null;
  }

  connect() {
    if (typeof window.io !== "function") {
      this.handlers.onStatus("unavailable");
      return;
    }
    this.socket = window.io(this.url, { path: "/socket.io", reconnectionDelayMax: 10000 });
    this.socket.on("connect", () => {
      this.ready = false;
      this.socket.emit("session_request", { session_id: this.sessionId() });
    });
    this.socket.on("session_confirm", (confirmed) => {
      const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (id !== this.sessionId()) {
        // A stale confirmation (the session was reset meanwhile): ask again for the current one.
        this.socket.emit("session_request", { session_id: this.sessionId() });
        return;
      }
      this.ready = true;
      this.handlers.onStatus("connected");
      this.flush();
      if (this.handlers.onReady) this.handlers.onReady();
    });
    this.socket.on("bot_uttered", (data) => this.handlers.onMessage(data));
    this.socket.on("disconnect", () => {
      this.ready = false;
      this.handlers.onStatus("reconnecting");
    });
    this.socket.on("connect_error", () => {
      this.ready = false;
      this.handlers.onStatus("reconnecting");
    });
  }

  /** Send a message now, or as soon as the session is confirmed. */
  send(message) {
    this.outbox.push(message);
    this.flush();
  }

  flush() {
    while (this.ready && this.socket && this.socket.connected && this.outbox.length) {
      const message = this.outbox.shift();
      this.socket.emit("user_uttered", { message, session_id: this.sessionId() });
    }
  }

  /** After a reset: join the new session's room. */
  restart() {
    this.ready = false;
    this.outbox = [];
    if (this.socket && this.socket.connected) {
      this.socket.emit("session_request", { session_id: this.sessionId() });
    }
  }
}

// Rasa's socket.io channel (socket.io-client v4 against python-socketio 5.9 in Rasa 3.6), as
// bot/channels/socketio.py serves it: on every (re)connect send `session_request {session_id}` with
// the stored token (or none for a new visitor); the server confirms a token it signed (a new one when
// the stored one is missing or not its own), joins this socket to the conversation and answers
// `session_confirm`. Only then are user messages sent (`user_uttered {message, session_id}`); replies
// come as `bot_uttered`, so a reloaded page with the same token gets them too. Every message carries
// the widget's metadata (the chosen language: `{language: "es"}`) and the message's id, which the
// server bounds.
// A message sent but not answered when the connection drops (lost on the wire, or answered while this
// socket was away) is sent again, with the same id, once the session is confirmed on the new connection:
// the server answers a resent id from the stored turn (bot/serve/idempotency.py), so nothing is lost
// and nothing runs twice. Any reply acknowledges everything sent before it (Rasa answers a
// conversation's messages in order).

export class RasaSocket {
  /**
   * @param {string} url   the Rasa server (e.g. http://localhost:5005)
   * @param {() => string} sessionId  the current session token (null for a new visitor)
   * @param {{onMessage, onStatus, onReady, onSession}} handlers  onSession(token) stores the confirmed token
   * @param {() => object} metadata  sent with every message (e.g. {language: "es"})
   */
  constructor(url, sessionId, handlers, metadata = () => ({})) {
    this.url = url;
    this.sessionId = sessionId;
    this.metadata = metadata;
    this.handlers = handlers;
    this.ready = false;
    this.outbox = [];
    this.unanswered = []; // sent on this connection, no reply yet: resent after a reconnect
    this.socket = null;
    this.pending = 0; // session requests not yet confirmed: only the latest confirmation counts
  }

  connect() {
    if (typeof window.io !== "function") {
      this.handlers.onStatus("unavailable");
      return;
    }
    this.socket = window.io(this.url, { path: "/socket.io", reconnectionDelayMax: 10000 });
    this.socket.on("connect", () => {
      this.ready = false;
      this.pending = 0; // a new connection: requests sent on the old one will not be confirmed
      this.requestSession();
    });
    this.socket.on("session_confirm", (confirmed) => {
      this.pending = Math.max(0, this.pending - 1);
      if (this.pending > 0) return; // a stale confirmation: the session was reset meanwhile
      const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (this.handlers.onSession) this.handlers.onSession(id);
      this.ready = true;
      this.handlers.onStatus("connected");
      this.outbox = [...this.unanswered, ...this.outbox];
      this.unanswered = [];
      this.flush();
      if (this.handlers.onReady) this.handlers.onReady();
    });
    this.socket.on("bot_uttered", (data) => {
      this.unanswered = [];
      this.handlers.onMessage(data);
    });
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
    // The language when it was sent, and an id the server uses to answer a resent message once
    // (bot/serve/idempotency.py); a resend must reuse the same object.
    const id = `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    this.outbox.push({ message, metadata: { ...this.metadata(), message_id: id } });
    this.flush();
  }

  flush() {
    while (this.ready && this.socket && this.socket.connected && this.outbox.length) {
      const sent = this.outbox.shift();
      this.unanswered.push(sent);
      this.socket.emit("user_uttered", { message: sent.message, session_id: this.sessionId(), metadata: sent.metadata });
    }
  }

  requestSession() {
    this.pending += 1;
    this.socket.emit("session_request", { session_id: this.sessionId() });
  }

  /** After a reset: ask for a new session. */
  restart() {
    this.ready = false;
    this.outbox = [];
    this.unanswered = [];
    if (this.socket && this.socket.connected) {
      this.requestSession();
    }
  }
}

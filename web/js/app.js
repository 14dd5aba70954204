// Bone Health Companion chat: wires the stored conversation, the rendering and Rasa's socket.io
// channel to the page. No framework, no build step; socket.io-client comes from npm (see README).

import { ConversationStore } from "./store.js";
import { fromBotUttered, messageNode } from "./render.js";
import { RasaSocket } from "./transport.js";

// The text the "Talk to the care team" button sends: the bot routes it to care-team follow-up.
export const CARE_TEAM_MESSAGE = "I want to talk to someone from my care team";
const GREETING = "/greet";
const REPLY_TIMEOUT_MS = 30000;

const STATUS_TEXT = {
  connected: "",
  reconnecting: "Connecting to the assistant…",
  unavailable: "The chat could not start.",
};

/** "call the <helpline> at <number>" from /config.json (the deployment's settings), else the care team. */
function helpText(config) {
  if (typeof config.helplineName === "string" && typeof config.helplineNumber === "string") {
    return `call the ${config.helplineName} at ${config.helplineNumber}`;
  }
  return "call your care team";
}

async function loadConfig() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (response.ok) return await response.json();
  } catch (_error) {
    // Served without bot.serve.web (e.g. as plain files): fall back to the defaults below.
  }
  return {};
}

class ChatApp {
  constructor(config) {
    this.store = new ConversationStore();
    this.log = document.getElementById("log");
    this.typing = document.getElementById("typing");
    this.input = document.getElementById("message");
    this.status = document.getElementById("connection");
    this.replyTimer = null;
    this.replyStart = null; // the first message of the reply being received: kept in view
    this.setEmergencyNumber(config.emergencyNumber);
    this.help = helpText(config);
    const url = config.socketUrl || `${window.location.protocol}//${window.location.hostname}:5005`;
    this.socket = new RasaSocket(url, () => this.store.sessionId(), {
      onMessage: (data) => this.receive(data),
      onStatus: (status) => this.setStatus(status),
      onSession: (id) => this.store.setSessionId(id),
    });
  }

  start() {
    document.getElementById("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.sendText(text, text);
    });
    document.getElementById("care-team").addEventListener("click", () => {
      this.sendText(CARE_TEAM_MESSAGE, CARE_TEAM_MESSAGE);
    });
    document.getElementById("new-conversation").addEventListener("click", () => this.restart());

    const history = this.store.sessionId() ? this.store.history() : [];
    this.log.setAttribute("aria-busy", "true");
    history.forEach((item) => this.show(item));
    this.log.setAttribute("aria-busy", "false");
    this.scrollToEnd();
    if (!history.length) {
      this.store.newSession();
      this.socket.send(GREETING);
      this.showTyping();
    }
    this.setStatus("reconnecting");
    this.socket.connect();
  }

  restart() {
    this.store.newSession();
    this.log.replaceChildren();
    this.replyStart = null;
    this.hideTyping();
    this.socket.restart();
    this.socket.send(GREETING);
    this.showTyping();
    this.input.focus();
  }

  /** Show `shown` as the person's message and send `message` (a text or a button payload). */
  sendText(message, shown) {
    this.add({ from: "user", text: shown });
    this.replyStart = null;
    this.socket.send(message);
    this.showTyping();
  }

  choose(button) {
    this.sendText(button.payload, button.title);
    if (window.matchMedia && window.matchMedia("(pointer: fine)").matches) this.input.focus();
  }

  receive(data) {
    const item = fromBotUttered(data);
    if (!item) return;
    this.hideTyping();
    this.add(item);
  }

  add(item) {
    this.store.append(item);
    const first = this.show(item);
    if (item.from === "bot" && !this.replyStart) this.replyStart = first;
    this.scrollToEnd();
  }

  /** Appends the message; returns its first element. */
  show(item) {
    const nodes = messageNode(item, (button) => this.choose(button));
    const first = nodes.firstElementChild;
    this.log.append(nodes);
    return first;
  }

  notice(text) {
    this.show({ from: "system", text });
    this.scrollToEnd();
  }

  showTyping() {
    this.typing.hidden = false;
    clearTimeout(this.replyTimer);
    this.replyTimer = setTimeout(() => {
      this.hideTyping();
      this.notice("No answer yet. Please check your connection and try again. If you need help now, "
        + `${this.help}.`);
    }, REPLY_TIMEOUT_MS);
  }

  hideTyping() {
    this.typing.hidden = true;
    clearTimeout(this.replyTimer);
  }

  setStatus(status) {
    const text = STATUS_TEXT[status] ?? "";
    this.status.textContent = status === "unavailable" ? `${text} For help, ${this.help}.` : text;
    document.body.dataset.connection = status;
  }

  setEmergencyNumber(number) {
    if (typeof number !== "string" || !/^[0-9+ -]{2,20}$/.test(number)) return;
    document.getElementById("emergency-number").textContent = number;
    document.getElementById("emergency-link").href = `tel:${number.replace(/[ -]/g, "")}`;
  }

  /** Scroll to the newest message, but never past the start of the reply being read
      (a long answer on a phone is read from its first line). */
  scrollToEnd() {
    let target = this.log.scrollHeight - this.log.clientHeight;
    if (this.replyStart && this.replyStart.isConnected) {
      target = Math.min(target, this.replyStart.offsetTop - 8);
    }
    this.log.scrollTop = Math.max(0, target);
  }
}

loadConfig().then((config) => {
  const app = new ChatApp(config);
  window.bhcChat = app; // for debugging in the browser console
  app.start();
});

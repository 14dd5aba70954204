// Bone Health Companion chat: wires the stored conversation, the rendering and Rasa's socket.io
// channel to the page. No framework, no build step; socket.io-client comes from npm (see README).

import { ConversationStore } from "./store.js";
import { fromBotUttered, messageNode } from "./render.js";
import { RasaSocket } from "./transport.js";
import { applyTexts, language, otherLanguage, setLanguage, t } from "./i18n.js";

const REPLY_TIMEOUT_MS = 30000;
// The greeting asks for the chosen language: the `language` slot picks the greeting's wording.
const greeting = () => `/greet{"language":"${language()}"}`;

const STATUS_KEY = { connected: null, reconnecting: "statusReconnecting", unavailable: "statusUnavailable" };

/** "call the <helpline> at <number>" from /config.json (the deployment's settings), else the care team. */
function helpText(config) {
  if (typeof config.helplineName === "string" && typeof config.helplineNumber === "string") {
    return t("helpline", { name: config.helplineName, number: config.helplineNumber });
  }
  return t("careTeamHelp");
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
    this.config = config;
    this.connection = "reconnecting";
    this.setEmergencyNumber(config.emergencyNumber);
    // The language chosen before, else the browser's (a Spanish-speaking browser starts in Spanish).
    const browserLanguage = (navigator.language || "").toLowerCase().startsWith("es") ? "es" : "en";
    setLanguage(this.store.language() || browserLanguage);
    applyTexts();
    const url = config.socketUrl || `${window.location.protocol}//${window.location.hostname}:5005`;
    this.socket = new RasaSocket(
      url,
      () => this.store.sessionId(),
      {
        onMessage: (data) => this.receive(data),
        onStatus: (status) => this.setStatus(status),
        onSession: (id) => this.store.setSessionId(id),
      },
      () => ({ language: language() }),
    );
  }

  get help() {
    return helpText(this.config);
  }

  /** English <-> Español: every widget text, <html lang>, the messages sent from now on, and a greeting
      in the new language (its topic buttons in that language). */
  switchLanguage() {
    setLanguage(otherLanguage());
    this.store.setLanguage(language());
    applyTexts();
    this.setStatus(this.connection);
    this.socket.send(greeting());
    this.showTyping();
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
      this.sendText(t("careTeamMessage"), t("careTeamMessage"));
    });
    document.getElementById("language").addEventListener("click", () => this.switchLanguage());
    document.getElementById("new-conversation").addEventListener("click", () => this.restart());

    const history = this.store.sessionId() ? this.store.history() : [];
    this.log.setAttribute("aria-busy", "true");
    history.forEach((item) => this.show(item));
    this.log.setAttribute("aria-busy", "false");
    this.scrollToEnd();
    if (!history.length) {
      this.store.newSession();
      this.socket.send(greeting());
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
    this.socket.send(greeting());
    this.showTyping();
    this.input.focus();
  }

  /** Show `shown` as the person's message and send `message` (a text or a button payload). */
  sendText(message, shown) {
    this.add({ from: "user", text: shown, lang: language() });
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
    this.add({ ...item, lang: language() });
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
    this.show({ from: "system", text, lang: language() });
    this.scrollToEnd();
  }

  showTyping() {
    this.typing.hidden = false;
    clearTimeout(this.replyTimer);
    this.replyTimer = setTimeout(() => {
      this.hideTyping();
      this.notice(t("noAnswerYet", { help: this.help }));
    }, REPLY_TIMEOUT_MS);
  }

  hideTyping() {
    this.typing.hidden = true;
    clearTimeout(this.replyTimer);
  }

  setStatus(status) {
    this.connection = status;
    const text = STATUS_KEY[status] ? t(STATUS_KEY[status]) : "";
    this.status.textContent = status === "unavailable" ? `${text} ${t("forHelp", { help: this.help })}` : text;
    document.body.dataset.connection = status;
  }

  setEmergencyNumber(number) {
    if (typeof number !== "string" || !/^[0-9+ -]{2,20}$/.test(number)) return;
    const shown = document.getElementById("emergency-number");
    shown.textContent = number;
    delete shown.dataset.i18n; // the deployment's number, in every language
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

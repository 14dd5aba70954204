// Turning messages into DOM nodes. Bot text is NEVER parsed as HTML: every piece of text goes in
// through textContent / createTextNode; links are built as elements, and only for http(s) URLs.

import { t } from "./i18n.js";

const URL_PATTERN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])|\b(1-\d{3}-\d{3}-\d{4})\b/g;

/** The URL if it is a well-formed http or https address, else null. */
export function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_error) {
    return null;
  }
}

function externalLink(href, label) {
  const link = document.createElement("a");
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.textContent = label;
  const hint = document.createElement("span");
  hint.className = "visually-hidden";
  hint.textContent = t("newTab");
  link.append(hint);
  return link;
}

/** Text with its links (markdown [label](url) or bare URLs) and helpline numbers made clickable. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const [whole, label, labelledUrl, bareUrl, phone] = match;
    let node = null;
    if (phone) {
      node = document.createElement("a");
      node.href = `tel:+${phone.replace(/-/g, "")}`;
      node.textContent = phone;
    } else {
      const href = safeUrl(labelledUrl || bareUrl);
      if (href) node = externalLink(href, label || bareUrl);
    }
    if (!node) continue;
    fragment.append(document.createTextNode(text.slice(last, match.index)), node);
    last = match.index + whole.length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

function speaker(label) {
  const span = document.createElement("span");
  span.className = "visually-hidden";
  span.textContent = label;
  return span;
}

/**
 * One shown message: {from: "user"|"bot"|"system", text, buttons?: [{title, payload}], lang?: "en"|"es"}.
 * `onChoose(button)` is called when a suggested option is picked.
 */
export function messageNode(item, onChoose) {
  const wrapper = document.createDocumentFragment();
  if (item.text) {
    const bubble = document.createElement("div");
    const isSource = item.from === "bot" && /^(Sources?|Fuentes?):/.test(item.text);
    bubble.className = `msg ${item.from}${isSource ? " source" : ""}`;
    if (item.lang) bubble.lang = item.lang; // screen readers speak the message in its own language
    bubble.append(speaker(t(item.from === "user" ? "youSaid" : item.from === "bot" ? "assistant" : "noticeSpeaker")));
    if (item.from === "user") {
      bubble.append(document.createTextNode(item.text));
    } else {
      bubble.append(linkify(item.text));
    }
    wrapper.append(bubble);
  }
  const valid = (item.buttons || []).filter(
    (b) => b && typeof b.title === "string" && typeof b.payload === "string",
  );
  const topics = valid.filter((b) => !isFeedback(b));
  if (topics.length) {
    const list = document.createElement("ul");
    list.className = "options";
    list.setAttribute("aria-label", t("suggestedTopics"));
    if (item.lang) list.lang = item.lang;
    for (const button of topics) {
      const li = document.createElement("li");
      const element = document.createElement("button");
      element.type = "button";
      element.className = "option";
      element.textContent = button.title;
      element.addEventListener("click", () => onChoose(button));
      li.append(element);
      list.append(li);
    }
    wrapper.append(list);
  }
  const votes = valid.filter(isFeedback);
  if (votes.length === 2) wrapper.append(feedbackNode(votes, item.lang, onChoose));
  return wrapper;
}

/** A "Was this helpful?" button under a curated answer: `/feedback{"helpful":…,"topic":…}`. */
export function isFeedback(button) {
  return button.payload.startsWith("/feedback{");
}

let feedbackCount = 0;

/**
 * "Was this helpful?" with two real buttons, Yes and No, in a labelled group (screen readers say the
 * question with each button). The server's button titles are what the conversation shows once chosen;
 * a vote is sent once: both buttons are then disabled and the chosen one marked pressed.
 */
function feedbackNode(votes, lang, onChoose) {
  const group = document.createElement("div");
  group.className = "feedback";
  group.setAttribute("role", "group");
  if (lang) group.lang = lang;
  const question = document.createElement("span");
  question.className = "feedback-question";
  question.id = `feedback-question-${++feedbackCount}`;
  question.textContent = t("helpfulQuestion");
  group.setAttribute("aria-labelledby", question.id);
  group.append(question);
  const choices = [];
  for (const button of votes) {
    const helpful = button.payload.includes('"helpful":true');
    const element = document.createElement("button");
    element.type = "button";
    element.className = `feedback-choice ${helpful ? "yes" : "no"}`;
    element.setAttribute("aria-label", t(helpful ? "helpfulYesLabel" : "helpfulNoLabel"));
    element.setAttribute("aria-pressed", "false");
    element.textContent = t(helpful ? "helpfulYes" : "helpfulNo"); // words, no emoji: every font has them
    element.addEventListener("click", () => {
      for (const choice of choices) choice.disabled = true;
      element.setAttribute("aria-pressed", "true");
      onChoose(button);
    });
    choices.push(element);
    group.append(element);
  }
  return group;
}

/** A Rasa socket.io `bot_uttered` payload as a message to show, or null if nothing to show. */
export function fromBotUttered(data) {
  if (!data || typeof data !== "object") return null;
  const text = typeof data.text === "string" ? data.text : "";
  const raw = Array.isArray(data.quick_replies) ? data.quick_replies
    : Array.isArray(data.buttons) ? data.buttons : [];
  const buttons = raw
    .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
    .map((b) => ({ title: b.title, payload: b.payload }));
  let shown = text;
  const attachment = data.attachment && data.attachment.payload;
  if (!shown && attachment && typeof attachment.src === "string" && safeUrl(attachment.src)) {
    shown = attachment.src; // an image or file: shown as a safe link, never embedded
  }
  if (!shown && !buttons.length) return null;
  return { from: "bot", text: shown, buttons };
}

// Every text the widget itself shows, in English and Spanish: ONE place (issue 12). The bot's replies
// come from the server in the language the widget sends with each message ({language: "es"}).
// Elements of index.html name their text with data-i18n="key" (textContent) or
// data-i18n-attr="attribute:key[,attribute:key]" (placeholder, aria-label, …).

export const LANGUAGES = ["en", "es"];

const TEXTS = {
  en: {
    title: "Bone Health Companion",
    skipLink: "Skip to the message box",
    clearChat: "Clear chat",
    notice: "Educational information from trusted sources, not medical advice. For questions about your own care, ask your care team.",
    emergencyLead: "Emergency?",
    emergencyCall: "Call",
    emergencyNow: "now.",
    emergencyNumberFallback: "your local emergency number",
    conversation: "Conversation",
    logLabel: "Conversation with Bone Health Companion",
    typing: "Bone Health Companion is typing…",
    questionLabel: "Your question",
    placeholder: "For example: what is Xgeva?",
    send: "Send",
    careTeam: "Talk to the care team",
    careTeamMessage: "I want to talk to someone from my care team",
    switchLanguage: "Cambiar a español (switch to Spanish)",
    youSaid: "You said: ",
    assistant: "Assistant: ",
    noticeSpeaker: "Notice: ",
    newTab: " (opens in a new tab)",
    suggestedTopics: "Suggested topics",
    statusReconnecting: "Connecting to the assistant…",
    statusUnavailable: "The chat could not start.",
    forHelp: "For help, {help}.",
    helpline: "call the {name} at {number}",
    careTeamHelp: "call your care team",
    noAnswerYet: "No answer yet. Please check your connection and try again. If you need help now, {help}.",
    sourcePrefix: "Source",
    helpfulQuestion: "Was this helpful?",
    helpfulYes: "Yes",
    helpfulNo: "No",
    helpfulYesLabel: "Yes, this answer helped",
    helpfulNoLabel: "No, this answer did not help",
  },
  es: {
    title: "Bone Health Companion",
    skipLink: "Ir al cuadro del mensaje",
    clearChat: "Borrar el chat",
    notice: "Información educativa de fuentes confiables, no es consejo médico. Para preguntas sobre su propio cuidado, pregunte a su equipo de atención.",
    emergencyLead: "¿Emergencia?",
    emergencyCall: "Llame al",
    emergencyNow: "ahora.",
    emergencyNumberFallback: "número de emergencias de su zona",
    conversation: "Conversación",
    logLabel: "Conversación con Bone Health Companion",
    typing: "Bone Health Companion está escribiendo…",
    questionLabel: "Su pregunta",
    placeholder: "Por ejemplo: ¿qué es el Xgeva?",
    send: "Enviar",
    careTeam: "Hablar con el equipo de atención",
    careTeamMessage: "Quiero hablar con alguien de mi equipo de atención",
    switchLanguage: "Switch to English (cambiar a inglés)",
    youSaid: "Usted dijo: ",
    assistant: "Asistente: ",
    noticeSpeaker: "Aviso: ",
    newTab: " (se abre en otra pestaña)",
    suggestedTopics: "Temas sugeridos",
    statusReconnecting: "Conectando con el asistente…",
    statusUnavailable: "No se pudo abrir el chat.",
    forHelp: "Para recibir ayuda, {help}.",
    helpline: "llame a la {name} al {number}; hablan español",
    careTeamHelp: "llame a su equipo de atención",
    noAnswerYet: "Todavía no hay respuesta. Revise su conexión e intente de nuevo. Si necesita ayuda ya, {help}.",
    sourcePrefix: "Fuente",
    helpfulQuestion: "¿Le ayudó esta respuesta?",
    helpfulYes: "Sí",
    helpfulNo: "No",
    helpfulYesLabel: "Sí, esta respuesta me ayudó",
    helpfulNoLabel: "No, esta respuesta no me ayudó",
  },
};

let current = "en";

export function language() {
  return current;
}

export function setLanguage(value) {
  current = LANGUAGES.includes(value) ? value : "en";
  return current;
}

/** The other language: what the switch button offers. */
export function otherLanguage() {
  return current === "es" ? "en" : "es";
}

/** The text of `key` in the current language (English if missing), with {name} placeholders filled. */
export function t(key, values = {}) {
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Put the current language's texts into the page (data-i18n and data-i18n-attr) and set <html lang>. */
export function applyTexts(root = document) {
  document.documentElement.lang = current;
  document.title = t("title");
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of element.dataset.i18nAttr.split(",")) {
      const [attribute, key] = pair.split(":");
      element.setAttribute(attribute.trim(), t(key.trim()));
    }
  }
}

// The playground's chat page. Plain JavaScript, no build step, no network beyond this page.
// Bot text is never parsed as HTML here: the server sends the visible text and Telegram's
// entities, and this file builds DOM nodes from them (textContent only).
"use strict";

const state = {
  users: [],
  chats: {},
  calls: [],
  commands: [],
  description: "",
  current: null,
  unread: {},
  clock: { now: Date.now() / 1000, offset: 0 },
};

const $ = (id) => document.getElementById(id);
const SAFE_URL = /^(https?:|tg:|mailto:)/i;
const COMMAND_OR_URL = /(\/[A-Za-z0-9_]{1,32}(?![\w/])|https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

// ------------------------------------------------------------------ Telegram text

// Plain text: /commands become tappable (as Telegram shows them), bare URLs become links.
function appendPlain(parent, text, linkify) {
  if (!linkify) {
    parent.append(text);
    return;
  }
  let last = 0;
  for (const match of text.matchAll(COMMAND_OR_URL)) {
    const start = match.index;
    const before = start > 0 ? text[start - 1] : " ";
    if (match[0].startsWith("/") && /[\w/]/.test(before)) continue;
    parent.append(text.slice(last, start));
    if (match[0].startsWith("/")) {
      const cmd = el("a", "command", match[0]);
      cmd.href = "#";
      cmd.addEventListener("click", (event) => {
        event.preventDefault();
        sendText(match[0]);
      });
      parent.append(cmd);
    } else {
      parent.append(link(match[0], match[0]));
    }
    last = start + match[0].length;
  }
  parent.append(text.slice(last));
}

function link(url, text) {
  const a = el("a", "link", text);
  if (SAFE_URL.test(url)) {
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  a.title = url;
  return a;
}

function entityNode(entity) {
  switch (entity.type) {
    case "bold": return el("b");
    case "italic": return el("i");
    case "underline": return el("u");
    case "strikethrough": return el("s");
    case "code": return el("code");
    case "pre": return el("pre");
    case "text_link": return link(entity.url || "", undefined);
    case "spoiler": {
      const node = el("span", "spoiler");
      node.title = "Spoiler: click to show";
      node.addEventListener("click", () => node.classList.add("shown"));
      return node;
    }
    case "blockquote": return el("blockquote");
    case "expandable_blockquote": {
      const node = el("blockquote", "expandable collapsed");
      node.title = "Click to expand";
      node.tabIndex = 0;
      const toggle = () => {
        node.classList.toggle("collapsed");
        node.title = node.classList.contains("collapsed") ? "Click to expand" : "Click to collapse";
      };
      node.addEventListener("click", (event) => {
        if (event.target.closest("a")) return;
        toggle();
      });
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
      });
      return node;
    }
    case "bot_command": return el("span", "command");
    default: return el("span");
  }
}

// Entities (offsets in UTF-16 code units, as JavaScript strings count) nest properly when
// they come from Telegram HTML; each range is rendered with the entities inside it.
function renderRange(parent, text, entities, start, end, linkify) {
  let pos = start;
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i];
    const entityEnd = entity.offset + entity.length;
    if (entity.offset < pos || entity.offset >= end) continue;
    appendPlain(parent, text.slice(pos, entity.offset), linkify);
    const node = entityNode(entity);
    const inner = entities.slice(i + 1).filter(
      (e) => e.offset >= entity.offset && e.offset + e.length <= entityEnd,
    );
    const codeLike = entity.type === "pre" || entity.type === "code";
    const linkLike = entity.type === "text_link" || !linkify;
    renderRange(node, text, inner, entity.offset, Math.min(entityEnd, end), !codeLike && !linkLike);
    parent.append(node);
    pos = Math.min(entityEnd, end);
  }
  appendPlain(parent, text.slice(pos, end), linkify);
}

function renderText(parent, text, entities, linkify) {
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  renderRange(parent, text, sorted, 0, text.length, linkify);
}

// ------------------------------------------------------------------ chat

function timeOf(epoch) {
  return new Date(epoch * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function messageNode(item) {
  const row = el("div", `row ${item.from}`);
  row.dataset.id = String(item.id);
  const bubble = el("div", `bubble ${item.from}`);
  const body = el("div", "text");
  renderText(body, item.text, item.entities, item.from === "bot");
  bubble.append(body);
  const meta = el("span", "meta", (item.edited ? "edited " : "") + timeOf(item.date));
  bubble.append(meta);
  row.append(bubble);
  if (item.keyboard && item.keyboard.length) row.append(keyboardNode(item));
  return row;
}

function keyboardNode(item) {
  const keyboard = el("div", "keyboard");
  for (const buttons of item.keyboard) {
    const row = el("div", "keyrow");
    for (const button of buttons) {
      const key = el("button", `key ${button.kind}`, button.text);
      key.type = "button";
      if (button.kind === "callback") {
        key.addEventListener("click", () => press(item.id, button.data, key));
      } else if (button.kind === "url") {
        key.title = button.url;
        key.append(el("span", "corner", "↗"));
        key.addEventListener("click", () => {
          if (SAFE_URL.test(button.url)) window.open(button.url, "_blank", "noopener,noreferrer");
        });
      } else {
        key.disabled = true;
        key.title = "This kind of button does nothing in the playground";
      }
      row.append(key);
    }
    keyboard.append(row);
  }
  return keyboard;
}

function emptyChatNode() {
  const card = el("div", "intro");
  card.append(el("h3", "", "What can this bot do?"));
  const text = el("p", "");
  const description = state.description ||
    "Quick, safe tips about pain behind the knee. Try /start, answer a few questions, and ask for a check-in.";
  appendPlain(text, description, false);
  card.append(text);
  const start = el("button", "start", "START");
  start.type = "button";
  start.addEventListener("click", () => sendText("/start"));
  card.append(start);
  return card;
}

function renderChat() {
  const box = $("messages");
  box.replaceChildren();
  const items = state.chats[state.current] || [];
  if (!items.length) box.append(emptyChatNode());
  for (const item of items) box.append(messageNode(item));
  box.scrollTop = box.scrollHeight;
}

function upsertMessage(chatId, item) {
  const items = state.chats[chatId] || (state.chats[chatId] = []);
  const index = items.findIndex((m) => m.id === item.id);
  const isNew = index < 0;
  if (isNew) {
    items.push(item);
    items.sort((a, b) => a.id - b.id);
  } else {
    items[index] = item;
  }
  if (String(chatId) !== String(state.current)) {
    if (isNew && item.from === "bot") {
      state.unread[chatId] = (state.unread[chatId] || 0) + 1;
      renderUsers();
    }
    return;
  }
  const box = $("messages");
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  const node = messageNode(item);
  const old = box.querySelector(`.row[data-id="${item.id}"]`);
  if (old) {
    old.replaceWith(node);
    node.classList.add("flash");
  } else {
    box.querySelector(".intro")?.remove();
    const next = [...box.querySelectorAll(".row")].find((r) => Number(r.dataset.id) > item.id);
    box.insertBefore(node, next || null);
    if (nearBottom || item.from === "user") box.scrollTop = box.scrollHeight;
  }
}

function removeMessage(chatId, id) {
  const items = state.chats[chatId] || [];
  state.chats[chatId] = items.filter((m) => m.id !== id);
  if (String(chatId) === String(state.current)) {
    document.querySelector(`#messages .row[data-id="${id}"]`)?.remove();
  }
}

function renderUsers() {
  const nav = $("users");
  nav.replaceChildren();
  for (const user of state.users) {
    const tab = el("button", "user-tab", user.first_name);
    tab.type = "button";
    if (user.language_code && user.language_code !== "en") {
      tab.append(el("span", "lang", user.language_code));
    }
    tab.title = `Telegram set to ${user.language_code || "en"}`;
    tab.setAttribute("aria-pressed", String(String(user.id) === String(state.current)));
    const unread = state.unread[user.id];
    if (unread) tab.append(el("span", "badge", String(unread)));
    tab.addEventListener("click", () => selectUser(user.id));
    nav.append(tab);
  }
}

function selectUser(id) {
  state.current = String(id);
  state.unread[id] = 0;
  localStorage.setItem("playground-user", state.current);
  renderUsers();
  renderChat();
  $("text").focus();
}

async function sendText(text) {
  text = text.trim();
  if (!text) return;
  hideMenu();
  try {
    await api("/api/send", { user_id: Number(state.current), text });
  } catch (error) {
    toast(`Could not send: ${error.message}`);
  }
}

async function press(messageId, data, key) {
  key.classList.add("pending");
  setTimeout(() => key.classList.remove("pending"), 3000);
  try {
    await api("/api/press", { user_id: Number(state.current), message_id: messageId, data });
  } catch (error) {
    toast(`Could not press: ${error.message}`);
  }
}

// ------------------------------------------------------------------ pop-ups and menu

let toastTimer = null;
function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 3000);
}

function showAnswer(event) {
  document.querySelectorAll(".key.pending").forEach((k) => k.classList.remove("pending"));
  if (!event.text || String(event.chat_id) !== String(state.current)) return;
  if (event.show_alert) {
    $("alert-text").textContent = event.text;
    $("alert").showModal();
  } else {
    toast(event.text);
  }
}

function renderMenu() {
  const menu = $("menu");
  menu.replaceChildren();
  if (!state.commands.length) menu.append(el("p", "muted small", "The bot has set no commands."));
  for (const command of state.commands) {
    const item = el("button", "menu-item");
    item.type = "button";
    item.setAttribute("role", "menuitem");
    item.append(el("span", "menu-command", `/${command.command}`));
    item.append(el("span", "menu-description", command.description));
    item.addEventListener("click", () => sendText(`/${command.command}`));
    menu.append(item);
  }
  $("menu-button").hidden = !state.commands.length;
}

function hideMenu() { $("menu").hidden = true; }

// ------------------------------------------------------------------ API call panel

function callNode(call) {
  const refused = !call.ok && call.status !== 499;
  const item = el("li", `call ${call.ok ? "ok" : refused ? "refused" : "gone"}`);
  item.dataset.method = call.method;
  const head = el("button", "call-head");
  head.type = "button";
  head.append(el("span", "call-index", `#${call.index}`));
  head.append(el("span", "call-method", call.method || "(unknown)"));
  head.append(el("span", "call-status", call.ok ? "200" : `${call.status}`));
  item.append(head);
  if (call.description) item.append(el("div", "call-error", call.description));
  head.addEventListener("click", () => {
    let details = item.querySelector(".call-details");
    if (details) { details.remove(); return; }
    details = el("pre", "call-details");
    const shown = { params: call.params };
    if (call.ok) shown.result = call.result; else shown.error = call.description;
    details.textContent = JSON.stringify(shown, null, 2);
    item.append(details);
    details.scrollIntoView({ block: "nearest" }); // the last call's details open out of view
  });
  if (call.method === "getUpdates" && !$("show-polls").checked) item.hidden = true;
  return item;
}

function addCall(call) {
  state.calls.push(call);
  const list = $("calls");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.append(callNode(call));
  while (list.children.length > 600) list.firstElementChild.remove();
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

function renderCalls() {
  const list = $("calls");
  list.replaceChildren(...state.calls.map(callNode));
  list.scrollTop = list.scrollHeight;
}

// ------------------------------------------------------------------ clock

function renderClock() {
  const now = new Date(state.clock.now * 1000);
  $("clock-now").textContent = now.toLocaleString([], {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
  });
  const hours = Math.round(state.clock.offset / 3600);
  const days = Math.floor(hours / 24);
  const parts = [];
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours % 24) parts.push(`${hours % 24} hour${hours % 24 === 1 ? "" : "s"}`);
  $("clock-offset").textContent = parts.length ? `(+${parts.join(" ")} ahead)` : "(real time)";
}

// ------------------------------------------------------------------ live updates

async function loadState() {
  const data = await api("/api/state");
  state.users = data.users;
  state.chats = data.chats;
  state.calls = data.calls;
  state.commands = data.commands;
  state.description = data.description;
  state.clock = data.clock;
  $("bot-name").textContent = data.bot.name;
  $("bot-sub").textContent = `@${data.bot.username} · bot`;
  const saved = localStorage.getItem("playground-user");
  const ids = state.users.map((u) => String(u.id));
  if (!ids.includes(String(state.current))) state.current = ids.includes(saved) ? saved : ids[0];
  renderUsers();
  renderChat();
  renderMenu();
  renderCalls();
  renderClock();
}

function onEvent(event) {
  switch (event.type) {
    case "message": upsertMessage(event.chat_id, event.item); break;
    case "delete": removeMessage(event.chat_id, event.id); break;
    case "call": addCall(event.call); break;
    case "answer": showAnswer(event); break;
    case "meta":
      state.commands = event.commands;
      state.description = event.description;
      renderMenu();
      if (!(state.chats[state.current] || []).length) renderChat();
      break;
    case "clock": state.clock = event; renderClock(); break;
    case "reset": state.unread = {}; loadState(); break;
  }
}

function connect() {
  const events = new EventSource("/api/events");
  events.onopen = () => { document.body.classList.remove("offline"); loadState(); };
  events.onerror = () => document.body.classList.add("offline");
  events.onmessage = (message) => onEvent(JSON.parse(message.data));
}

// The page clock ticks between server updates.
setInterval(() => { state.clock.now += 1; renderClock(); }, 1000);

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $("text");
  const text = input.value;
  input.value = "";
  sendText(text);
});
$("menu-button").addEventListener("click", () => { $("menu").hidden = !$("menu").hidden; });
document.addEventListener("click", (event) => {
  if (!event.target.closest("#menu, #menu-button")) hideMenu();
});
document.querySelectorAll("[data-advance]").forEach((button) => {
  button.addEventListener("click", async () => {
    const data = await api("/api/clock", { seconds: Number(button.dataset.advance) });
    state.clock = data;
    renderClock();
    toast(`The bot's clock moved ${button.textContent.replace("+", "")} ahead`);
  });
});
// Show or hide the polls in place: re-rendering the list would close any open details.
$("show-polls").addEventListener("change", () => {
  const show = $("show-polls").checked;
  for (const item of $("calls").children) {
    if (item.dataset.method === "getUpdates") item.hidden = !show;
  }
});
$("reset").addEventListener("click", async () => {
  if (!confirm("Start afresh? Every chat and the playground's database are wiped.")) return;
  await api("/api/reset", {});
});

connect();

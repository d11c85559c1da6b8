/* chidao chat: a custom element <chidao-chat> (styles isolated in its shadow root) and, when this script is
   included on any page, a button that opens the chat as a panel:
     <script src="https://chidao.example/static/chidao-widget.js" data-api-key="..." defer></script>
   Everything it needs is served by chidao itself: no external fonts, scripts or images. */
(function () {
  "use strict";
  const script = document.currentScript;
  const scriptOrigin = script ? new URL(script.src, location.href).origin : location.origin;

  const STYLE = `
    :host { all: initial; display: block; font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
            color: #1d1d1d; font-size: 15px; line-height: 1.45; }
    * { box-sizing: border-box; }
    .chat { display: flex; flex-direction: column; height: 100%; background: #fff; position: relative; }
    .log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 12px; }
    .msg { max-width: 92%; padding: 10px 12px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
    .user { align-self: flex-end; background: #8b1a1a; color: #fff; }
    .bot { align-self: flex-start; background: #f6f3ee; border: 1px solid #e4ddd0; }
    .bot.refused { background: #fff8e1; border-color: #e6c35c; }
    .bot.error { background: #fdecea; border-color: #e0a19b; }
    .notice { font-weight: 600; margin-bottom: 4px; }
    .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
    .chip { background: #fff; border: 1px solid #c9b99a; border-radius: 14px; padding: 2px 10px; font-size: 13px; }
    .chip b { color: #8b1a1a; font-weight: 600; }
    .marker { font: inherit; font-size: 12px; color: #8b1a1a; background: #fbe9e7; border: 1px solid #e0b4ae;
              border-radius: 4px; padding: 0 4px; margin: 0 1px; cursor: pointer; vertical-align: 1px; }
    .cards { display: grid; gap: 6px; margin-top: 8px; }
    .card { text-align: left; font: inherit; font-size: 13px; background: #fff; border: 1px solid #d8cdb8;
            border-left: 4px solid #8b1a1a; border-radius: 6px; padding: 6px 8px; cursor: pointer; color: inherit; }
    .card:hover, .card:focus-visible, .marker:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; }
    .card .where { font-weight: 600; }
    .card .quote { color: #555; display: block; margin-top: 2px; }
    .tools { margin-top: 8px; display: flex; gap: 8px; }
    .tools button, .suggest button { font: inherit; font-size: 13px; border: 1px solid #c9b99a; background: #fff;
            border-radius: 6px; padding: 3px 10px; cursor: pointer; }
    .suggest { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
    .suggest p { margin: 0 0 4px; color: #555; }
    .waiting { color: #555; font-style: italic; }
    .waiting::after { content: " ⋯"; animation: blink 1s steps(2) infinite; }
    @keyframes blink { 50% { opacity: .2; } }
    form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e4ddd0; background: #faf8f4; }
    textarea { flex: 1; font: inherit; resize: none; min-height: 44px; max-height: 140px; padding: 8px;
               border: 1px solid #bfb39b; border-radius: 8px; }
    form button { font: inherit; background: #8b1a1a; color: #fff; border: 0; border-radius: 8px; padding: 0 16px; cursor: pointer; }
    form button:disabled { opacity: .5; cursor: wait; }
    .viewer { position: absolute; inset: 0; background: #fff; display: flex; flex-direction: column; z-index: 2; }
    .viewer[hidden] { display: none; }
    .viewer header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; background: #8b1a1a; color: #fff; }
    .viewer header h2 { font-size: 15px; margin: 0; flex: 1; }
    .viewer header button { font: inherit; background: #fff; color: #8b1a1a; border: 0; border-radius: 6px; padding: 2px 10px; cursor: pointer; }
    .doc { flex: 1; overflow-y: auto; padding: 14px 18px; white-space: pre-wrap; font-family: "Times New Roman", serif; font-size: 16px; }
    mark { background: #ffe58a; padding: 2px 0; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    @media (max-width: 600px) { .msg { max-width: 100%; } .log { padding: 8px; } }
  `;

  const TEXT = {
    placeholder: "Nhập câu hỏi (có dấu hoặc không dấu)…",
    send: "Gửi",
    waiting: "Đang tìm trong văn bản",
    unreachable: "Không kết nối được máy chủ chidao. Hãy kiểm tra mạng hoặc thử lại sau ít phút.",
    refused: "Văn bản không nêu nội dung này",
    copy: "Sao chép kèm trích dẫn",
    copied: "Đã sao chép",
    newChat: "Cuộc hỏi đáp mới",
    suggestions: "Bạn có thể hỏi, ví dụ:",
    close: "Đóng",
    sources: "Nguồn",
    keyPrompt: "Dịch vụ chidao này cần khóa truy cập. Hãy nhập khóa đọc do quản trị viên cấp:",
  };

  class ChidaoChat extends HTMLElement {
    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      this.busy = false;
    }

    get api() { return (this.getAttribute("api") || scriptOrigin).replace(/\/$/, ""); }
    get storageKey() { return "chidao:" + this.api; }

    headers(json) {
      const h = json ? { "Content-Type": "application/json" } : {};
      const key = this.getAttribute("api-key") || sessionStorage.getItem(this.storageKey + ":key");
      if (key) h["Authorization"] = "Bearer " + key;
      return h;
    }

    connectedCallback() {
      if (this.log) return;
      this.root.innerHTML = `<style>${STYLE}</style>
        <div class="chat">
          <div class="log" role="log" aria-live="polite" aria-label="Hội thoại"></div>
          <form>
            <label class="sr" for="q">Câu hỏi</label>
            <textarea id="q" rows="2" placeholder="${TEXT.placeholder}"></textarea>
            <button type="submit">${TEXT.send}</button>
          </form>
          <section class="viewer" hidden role="dialog" aria-modal="true" aria-label="Văn bản gốc">
            <header><h2></h2><button type="button" class="close">${TEXT.close} ✕</button></header>
            <div class="doc" tabindex="0"></div>
          </section>
        </div>`;
      this.log = this.root.querySelector(".log");
      this.input = this.root.querySelector("textarea");
      this.button = this.root.querySelector("form button");
      this.viewer = this.root.querySelector(".viewer");
      this.root.querySelector("form").addEventListener("submit", (e) => { e.preventDefault(); this.send(); });
      this.input.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); this.send(); }
      });
      this.root.querySelector(".close").addEventListener("click", () => this.closeViewer());
      this.viewer.addEventListener("keydown", (e) => { if (e.key === "Escape") this.closeViewer(); });
      this.restore();
    }

    /* the conversation survives a reload of the tab (sessionStorage), not the closing of it */
    state() {
      try { return JSON.parse(sessionStorage.getItem(this.storageKey)) || { id: null, turns: [] }; }
      catch (e) { return { id: null, turns: [] }; }
    }
    save(state) { try { sessionStorage.setItem(this.storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ } }

    restore() {
      const state = this.state();
      if (!state.turns.length) { this.suggest(); return; }
      for (const turn of state.turns) {
        this.addUser(turn.question);
        this.renderAnswer(this.addBot(), turn.answer);
      }
      this.addNewChatButton();
    }

    async suggest() {
      const box = document.createElement("div");
      box.className = "msg bot suggest";
      box.innerHTML = `<p>${TEXT.suggestions}</p>`;
      this.log.appendChild(box);
      let documents = [], units = [];
      try {
        [documents, units] = await Promise.all([
          fetch(this.api + "/api/documents", { headers: this.headers() }).then((r) => r.ok ? r.json() : []),
          fetch(this.api + "/api/units", { headers: this.headers() }).then((r) => r.ok ? r.json() : []),
        ]);
      } catch (e) { /* suggestions are a convenience; the chat works without them */ }
      for (const q of suggestions(documents, units)) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = q;
        b.addEventListener("click", () => { this.input.value = q; this.send(); });
        box.appendChild(b);
      }
      if (box.querySelectorAll("button").length === 0) box.remove();
    }

    addUser(text) {
      const div = document.createElement("div");
      div.className = "msg user";
      div.textContent = text;
      this.log.appendChild(div);
      return div;
    }

    addBot() {
      const div = document.createElement("div");
      div.className = "msg bot";
      this.log.appendChild(div);
      return div;
    }

    addNewChatButton() {
      if (this.root.querySelector(".newchat")) return;
      const tools = this.root.querySelector("form");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "newchat";
      b.textContent = "↺";
      b.title = TEXT.newChat;
      b.setAttribute("aria-label", TEXT.newChat);
      b.style.background = "#fff"; b.style.color = "#8b1a1a"; b.style.border = "1px solid #c9b99a";
      b.addEventListener("click", () => {
        this.save({ id: null, turns: [] });
        this.log.innerHTML = "";
        b.remove();
        this.suggest();
        this.input.focus();
      });
      tools.insertBefore(b, tools.firstChild);
    }

    async send() {
      const question = this.input.value.trim();
      if (!question || this.busy) return;
      this.busy = true;
      this.button.disabled = true;
      this.input.value = "";
      const suggest = this.root.querySelector(".suggest");
      if (suggest) suggest.remove();
      this.addUser(question);
      const bot = this.addBot();
      bot.innerHTML = `<span class="waiting">${TEXT.waiting}</span>`;
      bot.scrollIntoView({ block: "end" });
      const state = this.state();
      try {
        const answer = await this.stream(question, state.id, bot);
        state.id = answer.conversation_id || state.id;
        state.turns.push({ question, answer });
        this.save(state);
        this.renderAnswer(bot, answer);
        this.addNewChatButton();
      } catch (error) {
        bot.className = "msg bot error";
        bot.textContent = error.userMessage || TEXT.unreachable;
      } finally {
        this.busy = false;
        this.button.disabled = false;
        this.input.focus();
        bot.scrollIntoView({ block: "end" });
      }
    }

    /* POST /api/ask/stream; shows the text as it arrives and resolves with the whole answer object */
    async stream(question, conversationId, bot) {
      let response;
      try {
        response = await fetch(this.api + "/api/ask/stream", {
          method: "POST", headers: this.headers(true),
          body: JSON.stringify({ question, conversation_id: conversationId }),
        });
      } catch (e) { throw Object.assign(new Error("offline"), { userMessage: TEXT.unreachable }); }
      if (response.status === 401 && !this.getAttribute("api-key") && !this.askedKey) {
        // a service with keys: ask once for the reader key, keep it for this tab, and try again
        this.askedKey = true;
        const key = window.prompt(TEXT.keyPrompt);
        if (key) {
          sessionStorage.setItem(this.storageKey + ":key", key.trim());
          return this.stream(question, conversationId, bot);
        }
      }
      if (!response.ok) {
        let detail = TEXT.unreachable;
        try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
        throw Object.assign(new Error("http " + response.status), { userMessage: detail });
      }
      const answer = { answer: "", units: [], citations: [], answerable: true, conversation_id: null };
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let shown = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = (frame.match(/^event: (.*)$/m) || [])[1];
          const data = JSON.parse((frame.match(/^data: (.*)$/m) || [null, "null"])[1]);
          if (event === "answer") {
            answer.answer += data.text;
            if (!shown) { bot.textContent = ""; shown = document.createElement("div"); bot.appendChild(shown); }
            shown.textContent = answer.answer;
          } else if (event === "units") answer.units = data;
          else if (event === "citations") answer.citations = data;
          else if (event === "done") Object.assign(answer, data);
          else if (event === "error") throw Object.assign(new Error("error"), { userMessage: data.detail });
        }
      }
      return answer;
    }

    renderAnswer(bot, answer) {
      bot.innerHTML = "";
      bot.className = "msg bot" + (answer.answerable ? "" : " refused");
      bot.dataset.answerable = String(answer.answerable);
      if (!answer.answerable) {
        const n = document.createElement("div");
        n.className = "notice";
        n.textContent = "⚠ " + TEXT.refused;
        bot.appendChild(n);
      }
      if (answer.units && answer.units.length) {
        const chips = document.createElement("div");
        chips.className = "chips";
        chips.setAttribute("aria-label", "Đơn vị và vai trò");
        for (const u of answer.units) {
          const c = document.createElement("span");
          c.className = "chip";
          c.innerHTML = `<b></b> · <span></span>`;
          c.querySelector("b").textContent = u.name;
          c.querySelector("span").textContent = u.role;
          chips.appendChild(c);
        }
        bot.appendChild(chips);
      }
      const text = document.createElement("div");
      text.className = "text";
      const byId = new Map((answer.citations || []).map((c) => [c.id, c]));
      for (const part of answer.answer.split(/(\[\d+\])/)) {
        const m = part.match(/^\[(\d+)\]$/);
        if (m && byId.has(Number(m[1]))) {
          const b = document.createElement("button");
          b.type = "button";
          b.className = "marker";
          b.textContent = part;
          b.setAttribute("aria-label", "Mở trích dẫn " + m[1]);
          b.addEventListener("click", () => this.openCitation(byId.get(Number(m[1]))));
          text.appendChild(b);
        } else text.appendChild(document.createTextNode(part));
      }
      bot.appendChild(text);
      if (answer.citations && answer.citations.length) {
        const cards = document.createElement("div");
        cards.className = "cards";
        for (const c of answer.citations) {
          const card = document.createElement("button");
          card.type = "button";
          card.className = "card";
          const who = [c.issuer, c.issued ? formatDate(c.issued) : null].filter(Boolean).join(", ");
          card.innerHTML = `<span class="where"></span><span class="quote"></span>`;
          card.querySelector(".where").textContent = `[${c.id}] ${c.doc_number} — ${c.label}` + (who ? ` (${who})` : "");
          card.querySelector(".quote").textContent = clip(c.text, 160);
          card.addEventListener("click", () => this.openCitation(c));
          cards.appendChild(card);
        }
        bot.appendChild(cards);
        const tools = document.createElement("div");
        tools.className = "tools";
        const copy = document.createElement("button");
        copy.type = "button";
        copy.className = "copy";
        copy.textContent = TEXT.copy;
        copy.addEventListener("click", async () => {
          await copyText(withSources(answer));
          copy.textContent = TEXT.copied + " ✓";
          setTimeout(() => { copy.textContent = TEXT.copy; }, 2000);
        });
        tools.appendChild(copy);
        bot.appendChild(tools);
      }
    }

    /* the stored text of the document, the cited span highlighted and scrolled into view */
    async openCitation(c) {
      const doc = this.viewer.querySelector(".doc");
      this.viewer.querySelector("h2").textContent = `${c.doc_number} — ${c.label}`;
      doc.textContent = TEXT.waiting + "…";
      this.viewer.hidden = false;
      this.opener = this.root.activeElement;
      try {
        const r = await fetch(`${this.api}/api/documents/${c.doc_number.split("/").map(encodeURIComponent).join("/")}/text`, { headers: this.headers() });
        if (!r.ok) throw new Error("http " + r.status);
        const { text } = await r.json();
        doc.textContent = "";
        doc.append(text.slice(0, c.start));
        const mark = document.createElement("mark");
        mark.textContent = text.slice(c.start, c.end);
        mark.id = "cited";
        doc.append(mark, text.slice(c.end));
        mark.scrollIntoView({ block: "center" });
      } catch (e) {
        doc.textContent = TEXT.unreachable;
      }
      this.root.querySelector(".close").focus();
    }

    closeViewer() {
      this.viewer.hidden = true;
      if (this.opener && this.opener.focus) this.opener.focus();
    }
  }

  function suggestions(documents, units) {
    const out = [];
    const withText = documents.filter((d) => d.has_text);
    const busiest = [...units].sort((a, b) => b.assignments - a.assignments).slice(0, 1);
    for (const u of busiest) out.push(`${u.name} phải làm gì?`);
    for (const d of withText.slice(0, 2)) {
      out.push(`Ai chịu trách nhiệm theo dõi việc thực hiện ${d.type.toLowerCase()} ${d.number}?`);
    }
    if (withText[2]) out.push(`${capitalize(withText[2].type)} ${withText[2].number} ban hành ngày nào?`);
    return out;
  }

  function withSources(answer) {
    const lines = (answer.citations || []).map((c) => `[${c.id}] ${c.doc_number}, ${c.label}: “${c.text.trim()}”`);
    return answer.answer + (lines.length ? `\n\n${TEXT.sources}:\n` + lines.join("\n") : "");
  }

  async function copyText(text) {
    try { await navigator.clipboard.writeText(text); return; } catch (e) { /* not allowed: fall back */ }
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
  }
  function clip(text, n) { const t = text.replace(/\s+/g, " ").trim(); return t.length > n ? t.slice(0, n - 1) + "…" : t; }
  function capitalize(s) { return s ? s[0].toUpperCase() + s.slice(1) : s; }

  if (!customElements.get("chidao-chat")) customElements.define("chidao-chat", ChidaoChat);

  /* the launcher: a round button fixed in a corner that opens the chat in a panel */
  class ChidaoLauncher extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = `<style>
          :host { all: initial; position: fixed; right: 18px; bottom: 18px; z-index: 2147483000; font-family: sans-serif; }
          .open { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #8b1a1a; color: #fff;
                  display: grid; place-items: center; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.3); }
          .panel { position: fixed; right: 18px; bottom: 86px; width: min(420px, calc(100vw - 24px));
                   height: min(640px, calc(100vh - 110px)); border-radius: 12px; overflow: hidden;
                   box-shadow: 0 8px 30px rgba(0,0,0,.3); background: #fff; display: flex; flex-direction: column; }
          .panel[hidden] { display: none; }
          .bar { background: #8b1a1a; color: #fff; padding: 8px 12px; display: flex; align-items: center; font-size: 15px; }
          .bar span { flex: 1; }
          .bar button { background: transparent; color: #fff; border: 0; font-size: 18px; cursor: pointer; }
          chidao-chat { flex: 1; min-height: 0; }
          @media (max-width: 600px) { .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; border-radius: 0; } }
        </style>
        <section class="panel" hidden role="dialog" aria-label="Hỏi đáp văn bản chidao">
          <div class="bar"><span>Hỏi đáp văn bản chỉ đạo</span><button type="button" class="x" aria-label="Đóng">✕</button></div>
        </section>
        <button type="button" class="open" aria-label="Mở hỏi đáp chidao" aria-expanded="false"><svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6h2v2H7zm4 0h2v2h-2zm4 0h2v2h-2z"/></svg></button>`;
      const panel = root.querySelector(".panel");
      const chat = document.createElement("chidao-chat");
      for (const name of ["api", "api-key"]) if (this.getAttribute(name)) chat.setAttribute(name, this.getAttribute(name));
      panel.appendChild(chat);
      const button = root.querySelector(".open");
      const toggle = (open) => {
        panel.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        if (open) { const t = chat.shadowRoot.querySelector("textarea"); if (t) t.focus(); } else button.focus();
      };
      button.addEventListener("click", () => toggle(panel.hidden));
      root.querySelector(".x").addEventListener("click", () => toggle(false));
      panel.addEventListener("keydown", (e) => { if (e.key === "Escape" && chat.viewer && chat.viewer.hidden) toggle(false); });
    }
  }
  if (!customElements.get("chidao-launcher")) customElements.define("chidao-launcher", ChidaoLauncher);

  if (script && script.dataset.launcher !== "off") {
    const add = () => {
      const launcher = document.createElement("chidao-launcher");
      launcher.setAttribute("api", script.dataset.api || scriptOrigin);
      if (script.dataset.apiKey) launcher.setAttribute("api-key", script.dataset.apiKey);
      document.body.appendChild(launcher);
    };
    if (document.body) add(); else document.addEventListener("DOMContentLoaded", add);
  }
})();

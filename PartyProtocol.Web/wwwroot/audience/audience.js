// The audience's phone: plain REST and the plain WebSocket, no Blazor circuit (docs/api.md, docs/events.md).
// It renders from the public events; it reads its view only to start and after a gap (a reload, a sleep, a lost event).
// Its sentences come with the page, in the page's language (AudiencePage.cs): the script has no words of its own.
(() => {
  "use strict";
  const page = JSON.parse(document.getElementById("texts").textContent);
  // t("TryingAgain", 5): the page's sentence with its {0}, {1}… filled in.
  const t = (key, ...args) => page.texts[key].replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  const count = (key, n) => t(key + (n === 1 ? "_One" : "_Other"), n.toLocaleString(page.lang));
  const code = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "").toUpperCase();
  const storeKey = "pp.audience." + code;
  const $ = (id) => document.getElementById(id);
  const state = { token: localStorage.getItem(storeKey), seq: 0, game: null, vote: null, picked: null, choices: [], socket: null, retry: 0 };
  // Moves sent over a socket, waiting for their reply: id → { socket, resolve }.
  const pending = new Map();
  let lastMoveId = 0;
  const votes = { bluff: { move: "audience_pick", body: (c) => ({ answerId: c }) }, quiz: { move: "audience_answer", body: (c) => ({ choice: Number(c) }) } };

  $("room").textContent = code;
  if (new URLSearchParams(location.search).get("from") === "join") $("hint").hidden = false;

  async function api(method, path, body) {
    // Refusals (a problem's detail) in the page's language, not only the browser's.
    const headers = { "Accept": "application/json", "Accept-Language": page.lang };
    if (state.token) headers["Authorization"] = "Bearer " + state.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch("/api/sessions/" + encodeURIComponent(code) + path,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, json, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
  }

  // A Bluff question as the audience reads it: its blank (BluffText.Blank) as a line.
  const blanked = (text) => text.replace("<BLANK>", "_____");

  function say(title, status) {
    $("title").textContent = title;
    $("status").textContent = status || "";
  }

  function showChoices(choices, open) {
    state.choices = choices;
    const box = $("choices");
    box.replaceChildren(...choices.map((c) => {
      const button = document.createElement("button");
      button.textContent = c.text;
      button.dataset.choice = c.id;
      button.disabled = !open || state.picked !== null;
      if (state.picked === c.id) button.classList.add("picked");
      button.addEventListener("click", () => vote(c.id));
      return button;
    }));
  }

  function showTally(vote) {
    const box = $("tally");
    if (!vote || state.choices.length === 0) { box.replaceChildren(); return; }
    box.replaceChildren(...state.choices.map((c) => {
      const n = vote.counts[c.id] || 0;
      const share = vote.total ? Math.round((100 * n) / vote.total) : 0;
      const bar = document.createElement("div");
      bar.className = "bar";
      const fill = document.createElement("span");
      fill.className = "fill";
      fill.style.width = share + "%";
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = c.text + " — " + share + "%";
      bar.append(fill, label);
      return bar;
    }));
  }

  async function vote(choice) {
    const how = votes[state.game];
    if (!how || state.picked !== null) return;
    state.picked = choice;
    showChoices(state.choices, false);
    // Over the open socket (no request of its own); over REST when it is not open or says nothing in time.
    const reply = (await overSocket(how.move, how.body(choice))) || (await api("POST", "/moves/" + how.move, how.body(choice)));
    if (reply.ok || (reply.json && reply.json.code === "already_submitted")) {
      $("status").textContent = t("VoteIn");
    } else {
      $("status").textContent = (reply.json && reply.json.detail) || t("VoteFailed");
      if (!reply.json || reply.json.code !== "vote_closed") { state.picked = null; showChoices(state.choices, true); }
    }
  }

  // A move over the WebSocket (docs/api.md, "Moves over the socket"): its reply in the shape api() gives, or
  // null when the socket is not open, closes first or stays silent for 5 s.
  function overSocket(move, payload) {
    const socket = state.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    const id = "m" + (++lastMoveId);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { pending.delete(id); resolve(null); }, 5000);
      pending.set(id, { socket, resolve: (r) => { clearTimeout(timer); resolve(r && { ok: r.ok, status: r.ok ? 200 : r.error.status, json: r.ok ? r : r.error }); } });
      socket.send(JSON.stringify({ type: "move", id, move, payload }));
    });
  }

  function answered(reply) {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    waiting.resolve(reply);
  }

  // The whole picture from a view: on start, after a reconnect and after a gap in the events.
  function fromView(view) {
    state.game = view.game;
    state.seq = view.seq;
    const s = view.state;
    if (view.status === "lobby") { state.picked = null; showChoices([], false); return say(t("WaitingTitle"), count("PlayersSoFar", view.players.length)); }
    if (view.status === "finished" || !s) { showChoices([], false); return say(t("OverTitle"), t("Thanks")); }
    if (view.game === "bluff") {
      if (s.phase === "guess") {
        const key = "guess-" + s.round;
        if (state.vote !== key) { state.vote = key; state.picked = null; }
        showChoices(s.answers.map((a) => ({ id: a.id, text: a.text })), true);
        return say(blanked(s.question.text), t("PickTruth"));
      }
      showChoices([], false);
      return say(s.question ? blanked(s.question.text) : view.gameName, s.phase === "lie" ? t("WritingLies") : t("WatchScreen"));
    }
    if (view.game === "quiz") {
      const q = s.question;
      if (s.phase === "question") {
        const key = "question-" + s.number;
        if (state.vote !== key) { state.vote = key; state.picked = null; }
        showChoices(q.choices.map((c) => ({ id: String(c.index), text: c.text })), true);
        return say(q.text, t("AnswerWith"));
      }
      showChoices([], false);
      return say(q ? q.text : view.gameName, t("WatchScreen"));
    }
    say(view.gameName, t("WatchScreen"));
  }

  async function resync() {
    const view = await api("GET", "");
    if (view.ok) fromView(view.json);
  }

  function onEvent(e) {
    if (e.type === "audience.updated") {
      $("members").textContent = t("Members", e.data.members.toLocaleString(page.lang));
      if (e.data.vote && e.data.vote.key === state.vote) showTally(e.data.vote);
      return;
    }
    if (e.seq <= state.seq) return;
    if (e.seq !== state.seq + 1) { state.seq = e.seq; return void resync(); }
    state.seq = e.seq;
    const d = e.data;
    switch (e.type) {
      case "phase.guess_started":
        state.vote = "guess-" + d.round; state.picked = null; showTally(null);
        showChoices(d.answers.map((a) => ({ id: a.id, text: a.text })), true);
        return say($("title").textContent, t("PickTruth"));
      case "phase.question_started":
        state.vote = "question-" + d.number; state.picked = null; showTally(null);
        showChoices(d.choices.map((c) => ({ id: String(c.index), text: c.text })), true);
        return say(d.text, t("AnswerWith"));
      case "phase.lie_started":
        showChoices([], false); showTally(null);
        return say(blanked(d.question.text), t("WritingLies"));
      case "phase.scores_calculated":
      case "phase.question_results":
        showChoices(state.choices, false);
        return say($("title").textContent, t("VotesClosed"));
      case "phase.game_over":
      case "session.ended":
        showChoices([], false);
        return say(t("OverTitle"), t("Thanks"));
      case "session.resync":
        return void resync();
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + "/ws/game/" + encodeURIComponent(code) + "/?session_token=" + encodeURIComponent(state.token));
    state.socket = socket;
    socket.onopen = () => { state.retry = 0; resync(); };
    socket.onmessage = (m) => {
      try {
        const message = JSON.parse(m.data);
        if (message.type === "reply") answered(message); else onEvent(message);
      } catch (err) { console.error(err); }
    };
    socket.onclose = () => {
      // Moves still waiting on this socket go over REST instead.
      for (const [id, waiting] of pending) {
        if (waiting.socket === socket) { pending.delete(id); waiting.resolve(null); }
      }
      if (state.socket !== socket) return;
      state.socket = null;
      const wait = Math.min(10000, 500 * 2 ** state.retry++);
      setTimeout(() => { if (!state.socket) connect(); }, wait);
    };
  }

  // A phone waking up: the socket may be dead without having said so.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    if (!state.socket || state.socket.readyState > 1) { state.socket = null; connect(); } else resync();
  });

  // Too many joins from this address (a classroom behind one NAT): say so, count down, and try again by itself.
  function waitToJoin(seconds) {
    document.body.dataset.refused = "rate_limited";
    say(t("TooMany"), t("TryingAgain", seconds));
    if (seconds > 1) return void setTimeout(() => waitToJoin(seconds - 1), 1000);
    setTimeout(() => { delete document.body.dataset.refused; say(t("Joining")); join(); }, 1000);
  }

  async function join() {
    const joined = await api("POST", "/audience");
    if (!joined.ok) {
      if (state.token && joined.status === 401) { localStorage.removeItem(storeKey); state.token = null; return join(); }
      if (joined.status === 429) return waitToJoin(Math.max(1, joined.retryAfter || 10));
      return say(t("CantJoin"), (joined.json && joined.json.detail) || t("TryAgainSoon"));
    }
    state.token = joined.json.audienceToken;
    localStorage.setItem(storeKey, state.token);
    say(t("Welcome"), t("HoldOn"));
    connect();
  }

  join();
})();

// kdquiz class game page: joins the host's websocket and shows the game. Protocol version 1
// (docs/classroom.md). Every text from the game is shown with textContent, never as HTML.
"use strict";
(function () {
  const VERSION = 1;
  const $ = (id) => document.getElementById(id);
  let ws = null, code = "", token = sessionStorage.getItem("kdquiz-token") || "";
  let question = null, picks = [], ended = false;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function clear(id) { const node = $(id); node.replaceChildren(); return node; }
  function status(text) { $("status").textContent = text; }
  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(Object.assign({ v: VERSION }, message)));
  }

  function connect(hello) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    ws = new WebSocket(scheme + "://" + location.host + "/ws");
    ws.onopen = () => send(hello);
    ws.onmessage = (event) => show(JSON.parse(event.data));
    ws.onclose = () => {
      if (ended) return;
      status("Connection lost; rejoining…");
      if (token) setTimeout(() => connect({ type: "rejoin", code: code, token: token }), 1500);
    };
  }

  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    code = $("code").value.trim();
    sessionStorage.setItem("kdquiz-code", code);
    connect({ type: "join", code: code, name: $("name").value });
  });
  // A reloaded page comes back as the same player (same name and score).
  if (token && sessionStorage.getItem("kdquiz-code")) {
    code = sessionStorage.getItem("kdquiz-code");
    connect({ type: "rejoin", code: code, token: token });
  }

  function answer(response) {
    send({ type: "answer", question: question.number, response: response });
    for (const b of $("answer").querySelectorAll("button, input, select")) b.disabled = true;
    status("Answer sent…");
  }

  // Survival: " · Lives ♥♥♡" or " · out" where a message carries lives; "" otherwise.
  function lives(holder, total) {
    if (!holder || typeof holder.lives !== "number" || typeof total !== "number") return "";
    if (holder.lives <= 0) return " · out";
    return " · Lives " + "♥".repeat(holder.lives) + "♡".repeat(Math.max(0, total - holder.lives));
  }

  function button(text, onclick) {
    const b = el("button", text);
    b.type = "button";
    b.addEventListener("click", onclick);
    return b;
  }

  function askQuestion(q) {
    question = q; picks = [];
    clear("lines"); clear("board");
    $("question").textContent = q.text;
    const box = clear("answer");
    const seconds = q.seconds_left !== undefined ? " · " + Math.round(q.seconds_left) + " s" : "";
    status("Question " + q.number + " of " + q.total + seconds + lives(q, q.lives_total));
    if (q.out) { status("You are out of lives: watch the answers and the leaderboard until the game ends."); return; }
    if (q.answered) { status("Answer in. Waiting for the others…"); return; }
    if (q.answer === "choice") {
      for (const c of q.choices) box.append(button(c.text, () => answer(c.id)));
    } else if (q.answer === "truefalse") {
      box.append(button("True", () => answer(true)), button("False", () => answer(false)));
    } else if (q.answer === "multi") {
      for (const c of q.choices) {
        const b = button(c.text, () => {
          const at = picks.indexOf(c.id);
          if (at < 0) picks.push(c.id); else picks.splice(at, 1);
          b.classList.toggle("picked");
        });
        box.append(b);
      }
      box.append(button("Send", () => answer(picks)));
    } else if (q.answer === "order") {
      const left = q.items.slice();
      const chosen = el("ol");
      const render = () => {
        box.replaceChildren(chosen);
        for (const item of left) {
          box.append(button(item.text, () => {
            left.splice(left.indexOf(item), 1);
            picks.push(item.id);
            chosen.append(el("li", item.text));
            if (left.length === 0) answer(picks); else render();
          }));
        }
      };
      render();
    } else if (q.answer === "matching") {
      const selects = q.left.map((item) => {
        const row = el("label", undefined, "row");
        const select = el("select");
        select.append(el("option", "—"));
        select.options[0].value = "-1";
        for (const right of q.right) {
          const option = el("option", right.text);
          option.value = String(right.id);
          select.append(option);
        }
        row.append(el("span", item.text), select);
        box.append(row);
        return [item.id, select];
      });
      box.append(button("Send", () => {
        const response = new Array(q.left.length).fill(-1);
        for (const [id, select] of selects) response[id] = Number(select.value);
        answer(response);
      }));
    } else {
      const input = el("input");
      input.id = "typed";
      input.maxLength = 200;
      input.setAttribute("aria-label", q.unit ? "Your answer (" + q.unit + ")" : "Your answer");
      if (q.answer === "number") input.inputMode = "decimal";
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") answer(input.value); });
      box.append(input, button("Send", () => answer(input.value)));
    }
  }

  function board(rows, you, total) {
    const list = clear("board");
    for (const row of rows) list.append(el("li", row.name + " · " + row.score + lives(row, total)));
    if (you) status("You: " + you.name + " · " + you.score + " points · #" + you.rank + lives(you, total));
  }

  function show(m) {
    if (m.v !== VERSION) return;
    if (m.type === "welcome") {
      token = m.token; sessionStorage.setItem("kdquiz-token", token);
      $("join").hidden = true; $("game").hidden = false;
      status("Joined as " + m.name);
    } else if (m.type === "lobby") {
      $("question").textContent = "Waiting for the host to start";
      clear("answer"); clear("lines");
      const list = clear("board");
      for (const name of m.players) list.append(el("li", name));
    } else if (m.type === "question") {
      askQuestion(m);
    } else if (m.type === "ack") {
      status("Answer in. Waiting for the others…");
    } else if (m.type === "refused") {
      status(m.reason);
    } else if (m.type === "reveal") {
      const box = clear("answer");
      for (const bar of m.distribution) {
        box.append(el("div", bar.label + " · " + bar.count, "bar" + (bar.right ? " right" : "")));
      }
      const lines = clear("lines");
      for (const line of m.lines) lines.append(el("li", line.text, line.tone));
      if (m.you) status("Score " + m.you.score + " · #" + m.you.rank + lives(m.you, m.lives_total));
    } else if (m.type === "leaderboard") {
      $("question").textContent = "Leaderboard";
      clear("answer"); clear("lines");
      board(m.top, m.you, m.lives_total);
    } else if (m.type === "podium") {
      ended = true;
      $("question").textContent = "Podium";
      clear("answer"); clear("lines");
      board(m.top, m.you, m.lives_total);
    } else if (m.type === "error") {
      ended = true;
      $("join").hidden = false;
      status(m.reason);
      $("game").hidden = false;
      sessionStorage.removeItem("kdquiz-token");
      token = "";
    }
  }
})();

// bilingual review page. Every piece of data reaches the DOM through textContent or
// setAttribute on attributes that are never URLs or handlers: escaped by construction.
// Only the visible rows of the bead list exist in the DOM (fixed row height, virtual scroll).
"use strict";

(() => {
  const ROW = 64;
  const TOKEN = new URLSearchParams(location.search).get("token") || "";
  const SEV_RANK = { info: 1, warning: 2, error: 3 };
  // Confirming a range that holds beads below this confidence, or beads never on screen, asks
  // first: "c" confirms everything above the cursor, and a jump from the queue skips a lot.
  const LOW_CONFIDENCE = 0.5;
  const KEYS = [
    ["j / ↓", "next bead"], ["k / ↑", "previous bead"],
    ["n / p", "next / previous bead in the queue (most doubtful first)"],
    ["m", "merge with the next bead"],
    ["[ ]", "move the source split mark"], ["{ }", "move the target split mark"],
    ["s", "split the bead at the marks"],
    ["u / d", "move the first source sentence to the previous bead / the last to the next"],
    ["U / D", "the same for the target side"],
    ["x / X", "detach the last source / target sentence (no counterpart)"],
    [".", "set (or clear) a range mark at this bead"],
    ["c / Enter", "confirm this bead and every bead above it (with a mark: the marked range)"],
    ["C", "confirm this bead only"], ["v", "unconfirm this bead"],
    ["z / Ctrl+Z", "undo"], ["y / Ctrl+Y", "redo"],
    ["r", "re-align the unconfirmed stretch between the confirmed beads around this one"],
    ["R", "re-align from this bead to the end (confirmed beads stay)"],
    ["/", "search both columns (Enter: next match)"], ["g", "jump to a bead number"],
    ["?", "this help"],
  ];

  const $ = (id) => document.getElementById(id);
  const list = $("list"), spacer = $("spacer"), detail = $("detail"), msg = $("msg");
  const S = {
    src: null, tgt: null, beads: [], findings: [], version: -1, cur: 0,
    cut: null, checking: false, findingsVersion: null, busy: false, canUndo: false,
    canRedo: false, nConfirmed: 0, inQueue: false, mark: null,
    seen: new Set(), // ids of beads that were on screen (kept in step with edits)
    asking: null, // the pending confirmation (a function) while the question is shown
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function say(text, isError) {
    msg.textContent = text;
    msg.className = isError ? "error" : "";
  }

  async function api(method, path, body) {
    const opts = { method, headers: { Authorization: "Bearer " + TOKEN } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    let data = null;
    try { data = await r.json(); } catch (e) { data = { error: "HTTP " + r.status }; }
    return { ok: r.ok, status: r.status, data };
  }

  const joinSide = (side, ids) =>
    ids.map((i) => side.sentences[i]).join(side.sep);

  function worstSeverity(b) {
    let worst = "";
    for (const n of b.findings) {
      const f = S.findings[n];
      if (f && (SEV_RANK[f.severity] || 0) > (SEV_RANK[worst] || 0)) worst = f.severity;
    }
    return worst;
  }

  function startsParagraph(k) {
    if (k === 0) return false;
    const b = S.beads[k], a = S.beads[k - 1];
    const first = (side, ids) => (ids.length ? side.paragraphs[ids[0]] : null);
    const last = (side, ids) => (ids.length ? side.paragraphs[ids[ids.length - 1]] : null);
    const ps = first(S.src, b.src), pa = last(S.src, a.src);
    return ps !== null && pa !== null && ps !== pa;
  }

  // ---- rendering -------------------------------------------------------------------

  function renderList() {
    spacer.style.height = S.beads.length * ROW + "px";
    const top = list.scrollTop, h = list.clientHeight || 600;
    const lo = Math.max(0, Math.floor(top / ROW) - 4);
    const hi = Math.min(S.beads.length, Math.ceil((top + h) / ROW) + 4);
    // seen: rows inside the viewport (not the margin rendered for smooth scrolling)
    const vhi = Math.min(S.beads.length, Math.floor((top + h) / ROW));
    for (let k = Math.floor(top / ROW); k < vhi; k++) S.seen.add(k);
    S.seen.add(S.cur);
    const frag = document.createDocumentFragment();
    for (let k = lo; k < hi; k++) frag.appendChild(renderRow(k));
    spacer.replaceChildren(frag);
  }

  function renderRow(k) {
    const b = S.beads[k];
    const row = el("div", "row");
    row.style.top = k * ROW + "px";
    row.dataset.bead = String(k);
    if (k === S.cur) row.classList.add("cur");
    if (S.mark !== null && k >= Math.min(S.mark, S.cur) && k <= Math.max(S.mark, S.cur))
      row.classList.add("marked");
    if (b.status === "confirmed") row.classList.add("confirmed");
    if (startsParagraph(k)) row.classList.add("para");
    const sev = worstSeverity(b);
    if (sev) row.classList.add("sev-" + sev);
    row.appendChild(el("span", "num", "#" + k));
    for (const [side, ids] of [[S.src, b.src], [S.tgt, b.tgt]]) {
      const t = el("div", "txt");
      if (ids.length) t.textContent = joinSide(side, ids).slice(0, 600);
      else { t.textContent = "(no counterpart)"; t.classList.add("empty"); }
      t.lang = side.lang;
      row.appendChild(t);
    }
    const meta = el("span", "meta", b.score === null ? "edited" : (b.score * 100).toFixed(0) + "%");
    if (!b.src.length || !b.tgt.length) meta.appendChild(el("span", "tag omission", "1:0"));
    else if (b.src.length !== 1 || b.tgt.length !== 1)
      meta.appendChild(el("span", "tag nonone", b.src.length + ":" + b.tgt.length));
    if (b.findings.length) meta.appendChild(el("span", "tag", "⚑" + b.findings.length));
    row.appendChild(meta);
    return row;
  }

  function defaultCut(b) {
    let s = Math.ceil(b.src.length / 2), t = Math.ceil(b.tgt.length / 2);
    if (s + t === b.src.length + b.tgt.length) t = 0;
    if (s + t === 0) s = b.src.length;
    return { src: s, tgt: t };
  }

  function renderDetail() {
    const b = S.beads[S.cur];
    detail.replaceChildren();
    if (!b) return;
    if (!S.cut) S.cut = defaultCut(b);
    const head = el("h2", null, "Bead #" + S.cur + " · " + b.src.length + ":" + b.tgt.length +
      " · " + b.status + " · confidence " + (b.score === null ? "— (edited)" : b.score.toFixed(2)) +
      " · doubt " + b.doubt.toFixed(2));
    detail.appendChild(head);
    const sides = el("div", "sides");
    for (const [name, side, ids] of [["src", S.src, b.src], ["tgt", S.tgt, b.tgt]]) {
      const col = el("div");
      col.appendChild(el("div", "cutnote", name + " (" + side.lang + ") · split mark after " +
        S.cut[name] + " of " + ids.length));
      const ol = el("ol");
      ids.forEach((id, n) => {
        const li = el("li");
        if (n === S.cut[name] && n > 0) li.classList.add("cut");
        li.appendChild(el("span", "sid", id));
        li.appendChild(el("span", null, side.sentences[id]));
        li.lang = side.lang;
        ol.appendChild(li);
      });
      if (!ids.length) ol.appendChild(el("li", "empty", "(no counterpart)"));
      col.appendChild(ol);
      sides.appendChild(col);
    }
    detail.appendChild(sides);
    for (const n of b.findings) if (S.findings[n]) detail.appendChild(findingBox(S.findings[n]));
    const whole = S.findings.filter((f) => !f.src_ids.length && !f.tgt_ids.length);
    if (whole.length) {
      detail.appendChild(el("h2", null, "About the whole document"));
      for (const f of whole) detail.appendChild(findingBox(f, "doc"));
    }
  }

  function findingBox(f, where) {
    const box = el("div", "finding sev-" + f.severity);
    if (where) box.classList.add(where);
    box.dataset.findingKind = f.kind;
    // the confidence is the calibrated probability an expert confirms the finding (README)
    const conf = f.confidence === null ? "" : " · confidence " + f.confidence.toFixed(2);
    box.appendChild(el("span", "kind", f.severity + " · " + f.kind.replace(/_/g, " ") + conf));
    box.appendChild(el("span", null, f.message));
    return box;
  }

  function renderProgress() {
    const q = queue().length;
    let text = "confirmed " + S.nConfirmed + " / " + S.beads.length + " · queue " + q +
      " · version " + S.version;
    if (S.checking) text += " · checking…";
    if (S.mark !== null) text += " · range " + Math.min(S.mark, S.cur) + "–" + Math.max(S.mark, S.cur);
    $("progress").textContent = text;
    document.body.dataset.version = String(S.version);
    document.body.dataset.confirmed = String(S.nConfirmed);
    document.body.dataset.checking = S.checking ? "1" : "0";
  }

  function render() {
    renderList();
    renderDetail();
    renderProgress();
  }

  function scrollToCur() {
    const top = S.cur * ROW, h = list.clientHeight || 600;
    if (top < list.scrollTop) list.scrollTop = Math.max(0, top - ROW);
    else if (top + ROW > list.scrollTop + h) list.scrollTop = top + 2 * ROW - h;
  }

  function setCur(k) {
    if (!S.beads.length) return;
    const n = Math.max(0, Math.min(S.beads.length - 1, k));
    if (n !== S.cur) S.cut = null;
    S.cur = n;
    scrollToCur();
    render();
  }

  // ---- queue -----------------------------------------------------------------------

  function queue() {
    const onlyUnconfirmed = $("f-unconfirmed").checked, onlyNonOne = $("f-nonone").checked;
    const kind = $("f-kind").value;
    const ids = [];
    S.beads.forEach((b, k) => {
      if (onlyUnconfirmed && b.status === "confirmed") return;
      if (onlyNonOne && b.src.length === 1 && b.tgt.length === 1) return;
      if (kind && !b.findings.some((n) => S.findings[n] && S.findings[n].kind === kind)) return;
      ids.push(k);
    });
    // page chrome ("Share:") last, then the most doubtful first
    const sink = (k) => (S.beads[k].chrome ? 1 : 0);
    ids.sort((a, c) => sink(a) - sink(c) || S.beads[c].doubt - S.beads[a].doubt || a - c);
    return ids;
  }

  function walkQueue(step) {
    const q = queue();
    if (!q.length) { say("the queue is empty"); return; }
    // The first n/p starts at the head of the queue, wherever the cursor is.
    const at = S.inQueue ? q.indexOf(S.cur) : -1;
    const next = at < 0 ? (step > 0 ? 0 : q.length - 1) : at + step;
    S.inQueue = true;
    if (next < 0 || next >= q.length) { say("end of the queue"); return; }
    say("queue " + (next + 1) + " / " + q.length);
    setCur(q[next]);
  }

  // ---- changes ---------------------------------------------------------------------

  function applySplice(res) {
    const sp = res.splice;
    // concat, not splice(...spread): a re-alignment can replace tens of thousands of beads
    S.beads = S.beads.slice(0, sp.start).concat(sp.beads, S.beads.slice(sp.start + sp.delete));
    // bead ids are positions: shift what was seen after the splice; its new beads were on screen
    const shift = sp.beads.length - sp.delete, seen = new Set();
    for (const k of S.seen) {
      if (k < sp.start) seen.add(k);
      else if (k >= sp.start + sp.delete) seen.add(k + shift);
    }
    for (let k = sp.start; k < sp.start + sp.beads.length; k++) seen.add(k);
    S.seen = seen;
    takeMeta(res);
  }

  function takeMeta(res) {
    S.version = res.version;
    S.nConfirmed = res.n_confirmed;
    S.canUndo = res.can_undo;
    S.canRedo = res.can_redo;
    const stale = res.findings_version !== S.findingsVersion;
    S.checking = res.checking;
    if (stale || res.checking) pollFindings();
  }

  let polling = false;
  async function pollFindings() {
    if (polling) return;
    polling = true;
    let reloaded = false;
    try {
      for (;;) {
        const r = await api("GET", "/api/findings");
        if (!r.ok) break;
        if (r.data.version > S.version) { reloaded = true; break; }  // changed elsewhere
        if (r.data.version === S.version && r.data.doubt.length === S.beads.length) {
          S.findings = r.data.findings;
          r.data.doubt.forEach((d, k) => {
            S.beads[k].doubt = d;
            S.beads[k].findings = r.data.bead_findings[k];
          });
          S.findingsVersion = r.data.findings_version;
          S.checking = r.data.checking;
          fillKinds();
          render();
          if (!r.data.checking) break;
        }
        await new Promise((ok) => setTimeout(ok, 800));
      }
    } finally {
      polling = false;
    }
    if (reloaded) await load();
  }

  async function send(path, body, after) {
    if (S.busy) { say("busy, one moment"); return; }
    S.busy = true;
    say("saving…");
    try {
      const r = await api("POST", path, { ...body, version: S.version });
      if (r.ok) {
        applySplice(r.data);
        if (after) after(r.data);
        S.cut = null;
        say(r.data.warning ? r.data.warning : "saved (version " + S.version + ")", !!r.data.warning);
        setCur(Math.min(S.cur, S.beads.length - 1));
      } else if (r.status === 409) {
        say(r.data.error + " Reloading.", true);
        await load();
      } else {
        say(r.data.error || "HTTP " + r.status, true);
      }
    } catch (e) {
      say("the server does not answer: " + e, true);
    } finally {
      S.busy = false;
    }
  }

  const edit = (fields, after) => send("/api/edit", fields, after);

  function realignAround(toEnd) {
    const b = S.beads[S.cur];
    if (b.status === "confirmed") { say("this bead is confirmed; move to an unconfirmed one", true); return; }
    let start = S.cur, end = S.beads.length - 1;
    if (!toEnd) {
      while (start > 0 && S.beads[start - 1].status !== "confirmed") start--;
      end = S.cur;
      while (end < S.beads.length - 1 && S.beads[end + 1].status !== "confirmed") end++;
    }
    say("re-aligning beads " + start + "–" + end + "…");
    send("/api/realign", { start, end });
  }

  function lastId(ids) { return ids[ids.length - 1]; }

  function confirm() {
    const ranged = S.mark !== null;
    const start = ranged ? Math.min(S.mark, S.cur) : 0, end = ranged ? Math.max(S.mark, S.cur) : S.cur;
    const go = () => {
      S.mark = null;
      if (ranged) edit({ op: "confirm", start, end }, () => walkQueue(1));
      else edit({ op: "confirm", bead: S.cur }, () => walkQueue(1));
    };
    let unseen = 0, low = 0, lowest = null;
    for (let k = start; k <= end; k++) {
      const b = S.beads[k];
      if (b.status === "confirmed") continue;
      if (!S.seen.has(k)) unseen++;
      if (b.score !== null && b.score < LOW_CONFIDENCE) {
        low++;
        if (lowest === null || b.score < S.beads[lowest].score) lowest = k;
      }
    }
    if (!unseen && !low) { go(); return; }
    const parts = [];
    if (unseen) parts.push(unseen + " never shown on screen");
    if (low) parts.push(low + " below confidence " + LOW_CONFIDENCE + " (lowest: #" + lowest +
      " at " + S.beads[lowest].score.toFixed(2) + ")");
    ask("Confirm beads " + start + "–" + end + "? Among them: " + parts.join("; ") + ".", go);
  }

  function ask(text, onYes) {
    $("ask-text").textContent = text;
    $("ask").hidden = false;
    S.asking = onYes;
    $("ask-yes").focus();
  }

  function answer(yes) {
    const go = S.asking;
    S.asking = null;
    $("ask").hidden = true;
    list.focus();
    if (yes && go) go();
    else say("nothing confirmed");
  }

  // ---- search and jump -------------------------------------------------------------

  function search(q) {
    if (!q) return;
    const needle = q.toLowerCase();
    const n = S.beads.length;
    for (let step = 1; step <= n; step++) {
      const k = (S.cur + step) % n, b = S.beads[k];
      if (joinSide(S.src, b.src).toLowerCase().includes(needle) ||
          joinSide(S.tgt, b.tgt).toLowerCase().includes(needle)) {
        say("found in bead #" + k);
        setCur(k);
        return;
      }
    }
    say("not found: " + q, true);
  }

  // ---- keys ------------------------------------------------------------------------

  function onKey(e) {
    const t = e.target;
    if (t && (t.tagName === "A" || t.tagName === "BUTTON") && e.key === "Enter") return;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT")) {
      if (e.key === "Escape") { t.blur(); list.focus(); }
      return;
    }
    if (S.version < 0) return;
    if (S.asking) {
      // the question is modal: y/Enter confirms, n/Escape cancels, other keys do nothing
      if (e.key === "y" || e.key === "Enter") { e.preventDefault(); answer(true); }
      else if (e.key === "n" || e.key === "Escape") { e.preventDefault(); answer(false); }
      return;
    }
    const b = S.beads[S.cur];
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && (e.key === "z" || e.key === "Z")) { e.preventDefault(); send(e.shiftKey ? "/api/redo" : "/api/undo", {}); return; }
    if (ctrl && e.key === "y") { e.preventDefault(); send("/api/redo", {}); return; }
    if (ctrl || e.altKey) return;
    const cut = S.cut || defaultCut(b);
    const actions = {
      j: () => setCur(S.cur + 1), ArrowDown: () => setCur(S.cur + 1),
      k: () => setCur(S.cur - 1), ArrowUp: () => setCur(S.cur - 1),
      PageDown: () => setCur(S.cur + 10), PageUp: () => setCur(S.cur - 10),
      Home: () => setCur(0), End: () => setCur(S.beads.length - 1),
      n: () => walkQueue(1), p: () => walkQueue(-1),
      m: () => edit({ op: "merge", bead: S.cur }),
      s: () => edit({ op: "split", bead: S.cur, src_at: cut.src, tgt_at: cut.tgt }),
      "[": () => { S.cut = { ...cut, src: Math.max(0, cut.src - 1) }; renderDetail(); },
      "]": () => { S.cut = { ...cut, src: Math.min(b.src.length, cut.src + 1) }; renderDetail(); },
      "{": () => { S.cut = { ...cut, tgt: Math.max(0, cut.tgt - 1) }; renderDetail(); },
      "}": () => { S.cut = { ...cut, tgt: Math.min(b.tgt.length, cut.tgt + 1) }; renderDetail(); },
      u: () => edit({ op: "move", bead: S.cur, side: "src", to: "prev" }),
      d: () => edit({ op: "move", bead: S.cur, side: "src", to: "next" }),
      U: () => edit({ op: "move", bead: S.cur, side: "tgt", to: "prev" }),
      D: () => edit({ op: "move", bead: S.cur, side: "tgt", to: "next" }),
      x: () => b.src.length ? edit({ op: "detach", bead: S.cur, side: "src", segment: lastId(b.src) }) : say("no source sentence", true),
      X: () => b.tgt.length ? edit({ op: "detach", bead: S.cur, side: "tgt", segment: lastId(b.tgt) }) : say("no target sentence", true),
      ".": () => { S.mark = S.mark === null ? S.cur : null; render(); },
      c: () => confirm(), Enter: () => confirm(),
      C: () => edit({ op: "confirm", start: S.cur, end: S.cur }),
      v: () => edit({ op: "unconfirm", bead: S.cur }),
      z: () => send("/api/undo", {}), Z: () => send("/api/redo", {}), y: () => send("/api/redo", {}),
      r: () => realignAround(false), R: () => realignAround(true),
      "/": () => { $("search").focus(); $("search").select(); },
      g: () => { $("jump").value = ""; $("jump").focus(); },
      "?": () => { $("help").hidden = !$("help").hidden; },
      Escape: () => { $("help").hidden = true; },
    };
    const act = actions[e.key];
    if (act) { e.preventDefault(); act(); }
  }

  // ---- setup -----------------------------------------------------------------------

  function fillKinds() {
    const sel = $("f-kind"), keep = sel.value;
    const kinds = [...new Set(S.findings.map((f) => f.kind))].sort();
    sel.replaceChildren(el("option", null, "any finding"));
    sel.firstChild.value = "";
    for (const k of kinds) {
      const o = el("option", null, k.replace(/_/g, " "));
      o.value = k;
      sel.appendChild(o);
    }
    sel.value = kinds.includes(keep) ? keep : "";
  }

  function fillExports(formats) {
    const box = $("exports");
    for (const [fmt, side] of formats) {
      const a = el("a", null, side ? fmt + "." + side : fmt);
      const q = new URLSearchParams({ format: fmt, token: TOKEN });
      if (side) q.set("side", side);
      a.href = "/api/export?" + q.toString();
      a.dataset.format = fmt;
      a.setAttribute("download", "");
      box.appendChild(a);
    }
  }

  function fillHelp() {
    const table = $("keys");
    for (const [k, what] of KEYS) {
      const tr = el("tr");
      tr.appendChild(el("td", null, k));
      tr.appendChild(el("td", null, what));
      table.appendChild(tr);
    }
  }

  const noSpace = (lang) => /^(zh|ja|ko|th)/i.test(lang || "");

  async function load() {
    const t0 = performance.now();
    const r = await api("GET", "/api/alignment");
    if (!r.ok) { say(r.data.error || "cannot load the alignment", true); return; }
    const d = r.data;
    S.src = { ...d.src, sep: noSpace(d.src.lang) ? "" : " " };
    S.tgt = { ...d.tgt, sep: noSpace(d.tgt.lang) ? "" : " " };
    S.beads = d.beads;
    S.findings = d.findings;
    S.findingsVersion = d.findings_version;
    takeMeta(d);
    fillKinds();
    S.cur = Math.min(S.cur, S.beads.length - 1);
    document.title = "review · " + d.src.name + " ↔ " + d.tgt.name;
    render();
    document.body.dataset.ready = "1";
    document.body.dataset.loadMs = String(Math.round(performance.now() - t0));
  }

  list.addEventListener("scroll", () => requestAnimationFrame(renderList), { passive: true });
  list.addEventListener("click", (e) => {
    const row = e.target.closest(".row");
    if (row) setCur(Number(row.dataset.bead));
  });
  window.addEventListener("resize", () => renderList());
  document.addEventListener("keydown", onKey);
  $("ask-yes").addEventListener("click", () => answer(true));
  $("ask-no").addEventListener("click", () => answer(false));
  $("search").addEventListener("keydown", (e) => { if (e.key === "Enter") search(e.target.value); });
  $("jump").addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    const n = parseInt(e.target.value, 10);
    if (Number.isFinite(n)) { setCur(n); e.target.blur(); list.focus(); }
  });
  for (const id of ["f-unconfirmed", "f-nonone", "f-kind"]) $(id).addEventListener("change", () => { renderProgress(); list.focus(); });
  $("help-button").addEventListener("click", () => { $("help").hidden = !$("help").hidden; });
  fillHelp();
  // the formats come from the server's export-format registry
  api("GET", "/api/formats").then((r) => { if (r.ok) fillExports(r.data.exports); });
  list.focus();
  load();
})();

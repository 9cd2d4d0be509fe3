// ==== Page header and language menu (issue 12: the menu, the reader's place,
// the header) ====
// The language menu is a <details> and works without this script; with it,
// the menu closes on Escape (giving focus back to its summary), on a click
// outside it and when focus leaves it. Every link marked data-keep-turn
// carries the turn (or section) the reader is in, kept up to date as they
// scroll, so that switching language lands on the same turn: turn ids are
// the same in every language. Without the script the links lead to the top
// of the other language. The script also measures the sticky header, so
// that anchors scroll their target to just below it, and hides the link
// back to the top while the reader is at the top.
(function () {
  "use strict";
  var root = document.documentElement;
  var header = document.querySelector("header.site");
  var menu = document.querySelector(".langs details");
  var keepLinks = document.querySelectorAll("a[data-keep-turn]");

  function headerBottom() {
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  // The turn or section the reader is in: the last one that starts above
  // a line a quarter down the text area. The one the address names wins
  // while it is still where the browser scrolled it to (just below the
  // header), or in view at the end of the page, where it cannot reach the
  // top: so a reader who has just switched language can switch again and
  // stay on the same turn.
  function currentAnchor() {
    var marks = document.querySelectorAll("main section[id], main .turn[id]");
    if (!marks.length) return "";
    var top = headerBottom();
    var named = null;
    try {
      named = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (e) {} // an address's hash that is not valid percent-encoding
    if (named && Array.prototype.indexOf.call(marks, named) >= 0) {
      var at = named.getBoundingClientRect().top;
      var atEnd = window.scrollY + window.innerHeight >= root.scrollHeight - 2;
      if ((at >= top - 2 && at <= top + 48) || (atEnd && at >= top - 2 && at < window.innerHeight)) return named.id;
    }
    var line = top + (window.innerHeight - top) / 4;
    var found = "";
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getBoundingClientRect().top > line) break;
      found = marks[i].id;
    }
    return found;
  }

  function keepPlace() {
    var id = currentAnchor();
    for (var i = 0; i < keepLinks.length; i++) {
      var link = keepLinks[i];
      var href = link.getAttribute("href").split("#")[0] + (id ? "#" + id : "");
      if (link.getAttribute("href") !== href) link.setAttribute("href", href);
    }
    if (header) header.classList.toggle("at-top", window.scrollY < window.innerHeight / 2);
  }

  function measureHeader() {
    if (header) root.style.setProperty("--header-block-size", header.offsetHeight + "px");
  }

  var pending = false;
  function onScroll() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      keepPlace();
    });
  }
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("resize", function () {
    measureHeader();
    onScroll();
  });
  window.addEventListener("hashchange", keepPlace);
  window.addEventListener("pageshow", keepPlace);
  // A click may come before the frame that follows a scroll.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a[data-keep-turn]")) keepPlace();
  }, true);
  measureHeader();
  keepPlace();

  if (!menu) return;
  var summary = menu.querySelector("summary");
  function close(focusSummary) {
    if (!menu.open) return;
    menu.open = false;
    if (focusSummary) summary.focus();
  }
  menu.addEventListener("toggle", function () {
    if (menu.open) keepPlace();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      event.preventDefault();
      close(true);
    }
  });
  document.addEventListener("click", function (event) {
    if (!menu.contains(event.target)) close(false);
  });
  // relatedTarget is null when focus leaves the page (another window, the
  // browser's own controls): the menu then stays as the reader left it.
  menu.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !menu.contains(event.relatedTarget)) close(false);
  });
})();
// ==== end of page header and language menu ====

// ==== The small things (issue 12): the language chooser ====
// On the root page (and the 404 page), the site's language that fits the
// visitor's best, as the browser lists them in navigator.languages, is
// highlighted and put first. Never a redirect: the visitor chooses, and
// without this script the page is the same list in the site's order.
(function () {
  "use strict";
  var list = document.querySelector(".chooser");
  if (!list || !navigator.languages || typeof Intl == "undefined" || !Intl.Locale) return;
  // A tag's language, script and region, with the likely ones filled in:
  // "pt" is pt-Latn-BR, "zh-HK" zh-Hant-HK, "zh-TW" zh-Hant-TW.
  function subtags(tag) {
    try {
      var l = new Intl.Locale(tag).maximize();
      return { language: l.language, script: l.script || "", region: l.region || "" };
    } catch (e) {
      return null;
    }
  }
  var items = Array.prototype.slice.call(list.children);
  var offered = items.map(function (li) {
    var link = li.querySelector("a[hreflang]");
    return link && subtags(link.getAttribute("hreflang"));
  });
  // The visitor's languages in their order: the first that the site has in
  // the same language and script wins, in the same region if it has that
  // too ("pt-AO" finds pt-PT, "zh-HK" zh-TW and never zh-CN).
  function choose() {
    for (var i = 0; i < navigator.languages.length; i++) {
      var want = subtags(navigator.languages[i]), best = -1, bestScore = 0;
      if (!want) continue;
      for (var j = 0; j < offered.length; j++) {
        var have = offered[j];
        if (!have || have.language != want.language || have.script != want.script) continue;
        var score = have.region == want.region ? 2 : 1;
        if (score > bestScore) { best = j; bestScore = score; }
      }
      if (best >= 0) return items[best];
    }
    return null;
  }
  var mine = choose();
  if (!mine) return;
  mine.classList.add("suggested");
  list.insertBefore(mine, list.firstElementChild);
  var phrases = document.querySelector(".in-languages");
  var phrase = phrases && phrases.querySelector('[lang="' + mine.getAttribute("lang") + '"]');
  if (phrase) {
    phrase = phrase.parentNode;
    phrase.classList.add("suggested");
    phrases.insertBefore(phrase, phrases.firstElementChild);
  }
})();
// ==== end of the language chooser ====

// ==== Navigating a transcript (issue 12: the contents, the turns' links) ====
// The table of contents is folded in the page, for phones; on wider screens
// it opens. A turn's link ("#7") is a plain link to the turn; with this
// script, a click copies the turn's address (on a touch screen, offers to
// share it), says so in the page's status line, and puts the turn in the
// address without moving the page. When the browser can do neither, the
// link does what it does without the script.
(function () {
  "use strict";
  var contents = document.querySelector(".contents details");
  if (contents && window.matchMedia("(min-width: 48rem)").matches) contents.open = true;

  var status = document.querySelector(".copy-status");
  var timer = 0;
  function say(text) {
    if (!status) return;
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ""; }, 3000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.turn-link");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var hash = link.getAttribute("href");
    var url = location.href.split("#")[0] + hash;
    var share = navigator.share && window.matchMedia("(pointer: coarse)").matches;
    if (!share && !(navigator.clipboard && navigator.clipboard.writeText)) return;
    event.preventDefault();
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (share) {
      navigator.share({ title: document.title, url: url }).catch(function () {});
      return;
    }
    navigator.clipboard.writeText(url).then(function () {
      say(status.getAttribute("data-copied"));
    }, function () {
      location.hash = hash;
    });
  });
})();
// ==== end of navigating a transcript ====

// ==== Site search (issue 13: search that finds a turn) ====
// On a search page (templates/search.html), Pagefind's script, written by
// `npx pagefind --site public` into pagefind/ at the site's root, is loaded
// from the form's data-pagefind. It searches the index of the page's
// language (<html lang>) as the reader types, and the results are filled in
// from the page's <template>s: each transcript, then its turns (Pagefind's
// sub-results: every turn is an element with an id and a
// data-pagefind-title, the speaker's name), the turns with the most of the
// words first, each linking to its #tN with its speaker, its section (the
// section around it, from the page's anchors) and an excerpt. Result URLs
// are made from the site's root as this page finds it (data-root), so the
// same output works at a domain's root and under a sub-path. Without the
// index (Pagefind not run, or the live preview), the page shows why and
// disables the box.
(function () {
  var form = document.querySelector("form.search[data-pagefind]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.querySelector(".search-status");
  var box = document.querySelector(".search-results");
  var list = box.querySelector(".results");
  var pageTemplate = document.querySelector("template.result-page");
  var hitTemplate = document.querySelector("template.result-hit");
  var root = new URL(form.getAttribute("data-root"), location.href).pathname;
  var turnsPerPage = 5;
  var pagefind = null, pending = 0, timer = 0;

  var ready = import(new URL(form.getAttribute("data-pagefind"), location.href).href).then(function (pf) {
    pagefind = pf;
    return pf.options({ baseUrl: root }).then(function () { return pf.init && pf.init(); });
  }).then(function () {
    form.setAttribute("data-ready", "");
  }).catch(function () {
    pagefind = null;
    document.querySelector(".search-off").hidden = false;
    input.disabled = true;
    form.querySelector("button").disabled = true;
  });

  // An excerpt from Pagefind is HTML with <mark>s around the words found:
  // only its text and those marks are kept.
  function excerpt(p, html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  // A turn ranks by the longest run of words found one after the other (a
  // phrase the reader remembers finds its turn), then by how often it has
  // such a run, then by Pagefind's weights of its words.
  function rank(sub) {
    var locations = sub.locations.slice().sort(function (a, b) { return a - b; });
    var run = 1, longest = locations.length ? 1 : 0, times = longest;
    for (var i = 1; i < locations.length; i++) {
      run = locations[i] === locations[i - 1] + 1 ? run + 1 : 1;
      if (run > longest) { longest = run; times = 0; }
      if (run === longest) times++;
    }
    var weight = (sub.weighted_locations || []).reduce(function (sum, w) {
      return sum + (w.balanced_score || w.weight || 1);
    }, 0);
    return { run: longest, times: times, weight: weight };
  }

  // The title of the section around a location, from the page's anchors.
  function sectionAt(data, location) {
    var title = "";
    (data.anchors || []).forEach(function (a) {
      if (a.element === "section" && a.location <= location) title = a.title || "";
    });
    return title;
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = pageTemplate.content.firstElementChild.cloneNode(true);
      var title = item.querySelector(".result-title a");
      title.href = data.url;
      title.textContent = data.meta.title || data.url;
      var hits = item.querySelector(".hits");
      var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
      if (!subs.length) subs = [{ url: data.url, title: "", excerpt: data.excerpt, locations: [0] }];
      subs.forEach(function (sub) { sub.rank = rank(sub); });
      subs.sort(function (a, b) { return b.rank.run - a.rank.run || b.rank.times - a.rank.times || b.rank.weight - a.rank.weight; });
      subs.slice(0, turnsPerPage).forEach(function (sub) {
        var hit = hitTemplate.content.firstElementChild.cloneNode(true);
        var link = hit.querySelector(".hit-link");
        link.href = sub.url;
        var isTurn = sub.anchor && sub.anchor.element !== "section";
        hit.querySelector(".hit-speaker").textContent = isTurn ? sub.title : "";
        var section = sub.anchor ? (isTurn ? sectionAt(data, sub.anchor.location) : sub.title) : "";
        hit.querySelector(".hit-section").textContent = section;
        if (!isTurn) hit.querySelector(".hit-speaker").remove();
        if (!section) hit.querySelector(".hit-section").remove();
        if (!link.textContent) link.textContent = data.meta.title || data.url;
        excerpt(hit.querySelector(".excerpt"), sub.excerpt);
        hits.appendChild(hit);
      });
      list.appendChild(item);
    });
    box.hidden = results.length === 0;
  }

  function search(query) {
    var ticket = ++pending;
    ready.then(function () {
      if (!pagefind || ticket !== pending) return null;
      if (!query.trim()) return [];
      return pagefind.search(query).then(function (found) {
        return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
      });
    }).then(function (results) {
      if (results === null || ticket !== pending) return;
      render(results);
      status.textContent = query.trim() && !results.length ? status.getAttribute("data-none") : "";
      form.setAttribute("data-searched", query);
    });
  }

  function keepQuery(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      keepQuery(input.value);
      search(input.value);
    }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    keepQuery(input.value);
    search(input.value);
  });
  var query = new URL(location.href).searchParams.get("q");
  if (query) {
    input.value = query;
    search(query);
  }
})();
// ==== end of site search ====

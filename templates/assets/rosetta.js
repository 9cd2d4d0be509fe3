// Rosetta keeps the reader at the same place when they switch language: a
// link marked data-keep-turn gets the id of the turn (or section) at the top
// of the window. Pages read fine without this script.
(function () {
  "use strict";
  function currentAnchor() {
    var marks = document.querySelectorAll("main section[id], main .turn[id]");
    var found = "";
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getBoundingClientRect().top > window.innerHeight / 4) break;
      found = marks[i].id;
    }
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-turn]");
    if (!link) return;
    var id = currentAnchor() || location.hash.slice(1);
    if (id) link.href = link.href.split("#")[0] + "#" + id;
  });
})();

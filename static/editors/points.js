/* The preview of a list of points typed as text (templates/editors/text.html): one line per point, two
   spaces or a tab per level of nesting, "**Title** text" for a bold title. Redrawn as the text changes; the
   server renders the same list (plans/editors/text.py), so the page works without this script too. */
(function () {
  "use strict";
  if (window.pointsEditorLoaded) {
    return;
  }
  window.pointsEditorLoaded = true;

  var BULLET = /^[•·▪●◦■□➢►]\s*/;
  var TITLED = /^\*\*(.+?)\*\*\s*(.*)$/;

  function parse(text) {
    var roots = [];
    var stack = [];
    text.split(/\r?\n/).forEach(function (raw) {
      var body = raw.replace(/\s+$/, "");
      var content = body.replace(/^[ \t]+/, "");
      if (!content) {
        return;
      }
      var indent = body.slice(0, body.length - content.length);
      var width = 0;
      for (var i = 0; i < indent.length; i += 1) {
        width += indent[i] === "\t" ? 2 : 1;
      }
      var depth = Math.min(Math.floor(width / 2), stack.length);
      var line = { text: content.replace(BULLET, ""), children: [] };
      stack.length = depth;
      (depth ? stack[depth - 1].children : roots).push(line);
      stack.push(line);
    });
    return roots;
  }

  function render(lines) {
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      var match = TITLED.exec(line.text);
      if (match) {
        var strong = document.createElement("strong");
        strong.textContent = match[1];
        item.appendChild(strong);
        item.appendChild(document.createTextNode(" " + match[2]));
      } else {
        item.textContent = line.text;
      }
      if (line.children.length) {
        item.appendChild(render(line.children));
      }
      list.appendChild(item);
    });
    return list;
  }

  function connect(editor) {
    var input = editor.querySelector("[data-points-input]");
    var preview = editor.querySelector("[data-points-preview]");
    if (!input || !preview) {
      return;
    }
    var redraw = function () {
      var lines = parse(input.value);
      preview.replaceChildren(lines.length ? render(lines) : "");
    };
    input.addEventListener("input", redraw);
  }

  function start() {
    document.querySelectorAll("[data-points-editor]").forEach(connect);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The chapter editors' grids behave like a spreadsheet (plans/editors/grid.py renders them).
 *
 * Arrow keys, Enter and Tab move between cells; a block copied from a spreadsheet (tab-separated lines)
 * pastes at the cursor across rows and columns, adding new rows where the grid allows them; computed
 * columns and totals follow what is typed, with the formulas the server evaluates (grid.py `evaluate`);
 * "Add a row" adds a blank row for a new row item. The server checks and stores; nothing here is trusted.
 */
(function () {
  "use strict";

  function parse(text) {
    var cleaned = String(text).trim().replace(/[,\s\u00a0]/g, "");
    if (cleaned === "") return null;
    if (cleaned === "-" || cleaned === "\u2013" || cleaned === "\u2014") return 0;
    if (!/^\d*\.?\d+$|^\d+\.$/.test(cleaned)) return NaN;
    return Number(cleaned);
  }

  function evaluate(formula, values) {
    if (typeof formula === "string") return values[formula] === undefined ? null : values[formula];
    if (typeof formula === "number") return formula;
    var operator = formula[0];
    var operands = formula.slice(1).map(function (operand) { return evaluate(operand, values); });
    if (operator === "sum") {
      var known = operands.filter(function (value) { return value !== null; });
      return known.length ? known.reduce(function (a, b) { return a + b; }, 0) : null;
    }
    if (operands.indexOf(null) !== -1) return null;
    if (operator === "+") return operands.reduce(function (a, b) { return a + b; }, 0);
    if (operator === "-") return operands[0] - operands[1];
    if (operator === "pos") return Math.max(operands[0], 0);
    return null;
  }

  function show(output, value) {
    if (value === null || Number.isNaN(value)) {
      output.textContent = "";
      return;
    }
    var text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
    output.textContent = output.hasAttribute("data-signed") && value > 0 ? "+" + text : text;
  }

  function dataRows(table) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return row.hasAttribute("data-row"); });
  }

  function recompute(table) {
    var formulas = JSON.parse(table.getAttribute("data-formulas") || "{}");
    var rowSums = JSON.parse(table.getAttribute("data-row-sums") || "[]");
    var totals = {};
    var known = {};
    var computedSums = {};
    dataRows(table).forEach(function (row) {
      var values = {};
      row.querySelectorAll("input.cell").forEach(function (input) {
        var value = parse(input.value);
        var column = input.getAttribute("data-col");
        values[column] = Number.isNaN(value) ? null : value;
        input.classList.toggle("is-unreadable", Number.isNaN(value));
        if (values[column] !== null) {
          totals[column] = (totals[column] || 0) + values[column];
          known[column] = true;
        }
      });
      row.querySelectorAll("output[data-formula]").forEach(function (output) {
        var column = output.getAttribute("data-formula");
        var value = evaluate(formulas[column], values);
        show(output, value);
        if (value !== null) computedSums[column] = (computedSums[column] || 0) + value;
      });
    });
    var footer = table.tFoot;
    if (!footer) return;
    Object.keys(formulas).forEach(function (column) {
      if (rowSums.indexOf(column) !== -1) {
        totals[column] = computedSums[column] === undefined ? null : computedSums[column];
      } else {
        totals[column] = evaluate(formulas[column], totals);
      }
      known[column] = true;
    });
    footer.querySelectorAll("output[data-total]").forEach(function (output) {
      var column = output.getAttribute("data-total");
      show(output, known[column] && totals[column] !== undefined ? totals[column] : null);
    });
  }

  function inputsOf(row) {
    return Array.prototype.slice.call(row.querySelectorAll("input:not([type=hidden])"));
  }

  function cellsOf(row) {
    return Array.prototype.slice.call(row.querySelectorAll("input.cell"));
  }

  function move(input, rowStep, columnStep) {
    var row = input.closest("tr");
    var table = input.closest("table");
    var rows = dataRows(table);
    var inputs = inputsOf(row);
    var column = inputs.indexOf(input);
    var target = null;
    if (columnStep) {
      target = inputs[column + columnStep] || null;
    } else {
      var index = rows.indexOf(row) + rowStep;
      if (index >= 0 && index < rows.length) {
        var others = inputsOf(rows[index]);
        var fromEnd = inputs.length - column;  // cells line up from the right: a new row has its name first
        target = others[others.length - fromEnd] || null;
      }
    }
    if (target) {
      target.focus();
      target.select();
    }
    return Boolean(target);
  }

  function atStart(input) {
    return input.selectionStart === 0 && (input.selectionEnd === 0 || input.selectionEnd === input.value.length);
  }

  function atEnd(input) {
    var end = input.value.length;
    return input.selectionEnd === end && (input.selectionStart === end || input.selectionStart === 0);
  }

  function onKeyDown(event) {
    var input = event.target;
    if (!input.matches || !input.matches("table[data-grid] input")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var rtl = getComputedStyle(input.closest("table")).direction === "rtl";  // a number cell may be ltr itself
    var moved = false;
    if (event.key === "ArrowUp") moved = move(input, -1, 0) || true;
    else if (event.key === "ArrowDown") moved = move(input, 1, 0) || true;
    else if (event.key === "Enter") moved = move(input, event.shiftKey ? -1 : 1, 0) || true;
    else if (event.key === (rtl ? "ArrowRight" : "ArrowLeft") && atStart(input)) moved = move(input, 0, -1);
    else if (event.key === (rtl ? "ArrowLeft" : "ArrowRight") && atEnd(input)) moved = move(input, 0, 1);
    if (moved) event.preventDefault();
  }

  function newRowNumber(table) {
    var highest = -1;
    table.querySelectorAll("tr[data-new]").forEach(function (row) {
      var match = /^new(\d+)$/.exec(row.getAttribute("data-row"));
      if (match) highest = Math.max(highest, Number(match[1]));
    });
    return highest + 1;
  }

  function addRow(table) {
    var rows = table.querySelectorAll("tr[data-new]");
    if (!rows.length) return null;
    var template = rows[rows.length - 1];
    var row = template.cloneNode(true);
    var number = newRowNumber(table);
    var rename = function (value) { return value.replace(/-new\d+-/g, "-new" + number + "-").replace(/-new\d+(?=[\s-]|$)/g, "-new" + number); };
    row.setAttribute("data-row", "new" + number);
    row.querySelectorAll(".cell-error").forEach(function (error) { error.remove(); });
    row.querySelectorAll(".has-error").forEach(function (cell) { cell.classList.remove("has-error"); });
    [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (element) {
      ["id", "name", "for", "aria-labelledby"].forEach(function (attribute) {
        if (element.hasAttribute(attribute)) element.setAttribute(attribute, rename(element.getAttribute(attribute)));
      });
      element.removeAttribute("aria-invalid");
      element.removeAttribute("aria-describedby");
      if (element.tagName === "INPUT") element.value = "";
      if (element.tagName === "OUTPUT") element.textContent = "";
    });
    template.parentNode.insertBefore(row, template.nextSibling);
    return row;
  }

  function announce(message) {
    var status = document.getElementById("grid-announcer");
    if (status) status.textContent = message;
  }

  function onPaste(event) {
    var input = event.target;
    if (!input.matches || !input.matches("table[data-grid] input.cell") || input.readOnly) return;
    var text = (event.clipboardData || window.clipboardData).getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;  // one value: the browser pastes it
    event.preventDefault();
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    var table = input.closest("table");
    var rows = dataRows(table);
    var rowIndex = rows.indexOf(input.closest("tr"));
    var columnIndex = cellsOf(input.closest("tr")).indexOf(input);
    var left = 0;
    lines.forEach(function (line, offset) {
      var row = rows[rowIndex + offset];
      if (!row && table.querySelector("tr[data-new]")) {
        row = addRow(table);
        rows.push(row);
      }
      var values = line.split("\t");
      if (!row) {
        left += values.length;
        return;
      }
      var cells = cellsOf(row);
      values.forEach(function (value, step) {
        var cell = cells[columnIndex + step];
        if (cell) cell.value = value.trim();
        else left += 1;
      });
    });
    recompute(table);
    markDirty();
    var width = Math.max.apply(null, lines.map(function (line) { return line.split("\t").length; }));
    var message = table.getAttribute("data-pasted").replace("%(rows)s", lines.length).replace("%(columns)s", width);
    if (left) message += " " + table.getAttribute("data-left-out").replace("%(count)s", left);
    announce(message);
  }

  var dirty = false;
  function markDirty() { dirty = true; }

  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table[data-grid]");
    if (!tables.length) return;
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("paste", onPaste);
    document.addEventListener("input", function (event) {
      var table = event.target.closest && event.target.closest("table[data-grid]");
      if (table) {
        recompute(table);
        markDirty();
      }
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("table[data-grid] input.cell")) event.target.select();
    });
    document.querySelectorAll("[data-add-row]").forEach(function (button) {
      button.addEventListener("click", function () {
        var table = document.getElementById(button.getAttribute("data-add-row"));
        var row = addRow(table);
        if (row) row.querySelector("input").focus();
      });
    });
    document.querySelectorAll("form.chapter-form").forEach(function (form) {
      form.addEventListener("submit", function () { dirty = false; });
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        var target = link && document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          event.preventDefault();
          target.focus();
          target.scrollIntoView({ block: "center", inline: "nearest" });
        }
      });
    }
  });
})();

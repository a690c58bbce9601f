// Sort the releases table by the clicked column (stable; numbers by data-sort when present).
(function () {
  "use strict";
  var table = document.getElementById("releases");
  if (!table) {
    return;
  }
  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    if (value === null) {
      value = cell.textContent.trim();
    }
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }
  Array.prototype.forEach.call(table.querySelectorAll("th[data-type]"), function (header) {
    var button = header.querySelector("button");
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      var numeric = header.getAttribute("data-type") === "number";
      var column = header.cellIndex;
      Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (other) {
        other.setAttribute("aria-sort", "none");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, column, numeric);
        var y = key(b, column, numeric);
        var order = numeric ? x - y : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) {
        body.appendChild(row);
      });
    });
  });
})();

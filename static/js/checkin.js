// Check-in: narrows the list of people as the coordinator types in the
// search box. Without this script the search form is sent and the server
// filters the list instead.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("checkin-list");
  var count = document.getElementById("checkin-count");
  if (!input || !list || !count) {
    return;
  }
  var people = list.querySelectorAll("li[data-search]");
  function filter() {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    people.forEach(function (li) {
      var match = q === "" || li.getAttribute("data-search").indexOf(q) !== -1;
      li.hidden = !match;
      if (match) {
        shown++;
      }
    });
    if (q === "") {
      count.textContent = "";
    } else if (shown === 0) {
      count.textContent = "Nobody matches “" + input.value.trim() + "”.";
    } else {
      count.textContent = shown === 1 ? "1 person matches." : shown + " people match.";
    }
  }
  input.addEventListener("input", filter);
  filter();
})();

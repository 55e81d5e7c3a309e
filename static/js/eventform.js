// Event form: shows only the fields that apply to the chosen format and
// to whether the event repeats. Without this script every field shows,
// with a hint saying when it applies. A field with an error stays shown.
(function () {
  "use strict";
  var form = document.querySelector("form [name=format]");
  form = form && form.form;
  if (!form) {
    return;
  }
  function hasError(el) {
    return el.querySelector(".form-group--error") !== null;
  }
  function update() {
    var chosen = form.querySelector("[name=format]:checked");
    var format = chosen ? chosen.value : "";
    form.querySelectorAll("[data-formats]").forEach(function (el) {
      var applies = format === "" || el.getAttribute("data-formats").split(" ").indexOf(format) !== -1;
      el.hidden = !applies && !hasError(el);
    });
    var repeat = form.querySelector("[name=repeat]");
    form.querySelectorAll("[data-repeats]").forEach(function (el) {
      el.hidden = repeat !== null && repeat.value === "" && !hasError(el);
    });
  }
  form.addEventListener("change", update);
  update();
})();

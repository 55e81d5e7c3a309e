// Copy buttons: <button data-copy="ID"> copies the value of the input ID
// and says so in the live region next to it. Without JavaScript the
// address stays selectable to copy by hand, and the button stays hidden.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var input = document.getElementById(button.getAttribute("data-copy"));
  var status = document.getElementById(button.getAttribute("data-copy") + "-status");
  if (!input) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    input.select();
    var done = function () { if (status) status.textContent = "Address copied."; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(input.value).then(done, function () {
        if (status) status.textContent = "Select the address and copy it.";
      });
    } else if (document.execCommand("copy")) {
      done();
    }
  });
});

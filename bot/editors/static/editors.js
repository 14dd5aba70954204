// The editors' page, enhanced: the snippet form fetches the YAML in place (without this script the
// form reloads the page with the snippet shown), and the copy button copies it.
(function () {
  "use strict";
  function say(box, text) {
    var status = box.querySelector(".status");
    if (status) { status.textContent = text; }
  }
  Array.prototype.forEach.call(document.querySelectorAll("form.snippet-form"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var group = form.getAttribute("data-group");
      var topic = form.querySelector("select").value;
      var box = document.getElementById("snippet-" + group);
      var pre = document.getElementById("snippet-" + group + "-pre");
      var url = "/editors/snippet?group=" + encodeURIComponent(group) + "&topic=" + encodeURIComponent(topic);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json().then(function (body) { return [response.status, body]; }); })
        .then(function (result) {
          box.hidden = false;
          if (result[0] !== 200) {
            pre.textContent = "";
            say(box, result[1].detail || ("Could not make the snippet (HTTP " + result[0] + ")."));
            return;
          }
          pre.textContent = result[1].snippet;
          say(box, "Snippet for " + topic + " shown.");
          pre.focus();
        })
        .catch(function () { box.hidden = false; say(box, "Could not reach the server: reload the page."); });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
    button.addEventListener("click", function () {
      var pre = document.getElementById(button.getAttribute("data-copy"));
      var box = button.parentNode;
      function selectText() {
        var range = document.createRange();
        range.selectNodeContents(pre);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        say(box, "Selected: press Ctrl+C (Cmd+C) to copy.");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(pre.textContent).then(function () { say(box, "Copied."); }, selectText);
      } else {
        selectText();
      }
    });
  });
}());

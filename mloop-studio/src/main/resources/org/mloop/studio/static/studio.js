// mloop studio: shows each <time datetime> in the viewer's time zone, UTC on hover (the server writes UTC).
(function () {
  function localize(root) {
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime()) || el.dataset.local === "1") {
        return;
      }
      el.title = el.getAttribute("datetime");
      el.textContent = when.toLocaleString(undefined, {
        year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
      });
      el.dataset.local = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localize(document); });
  document.addEventListener("htmx:afterSwap", function (e) { localize(e.target); });
})();

// An endpoint's Test tab: choosing another protocol puts its example in the body, unless the body was edited.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var protocol = document.getElementById("test-protocol");
    var body = document.getElementById("test-body");
    if (!protocol || !body) {
      return;
    }
    var shown = protocol.options[protocol.selectedIndex].dataset.example;
    protocol.addEventListener("change", function () {
      var example = protocol.options[protocol.selectedIndex].dataset.example;
      if (body.value.trim() === "" || body.value === shown) {
        body.value = example;
        shown = example;
      }
    });
  });
})();

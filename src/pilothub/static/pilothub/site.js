// Site-wide behaviour wired by data attributes (the CSP forbids inline handlers).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action=print]") : null;
    if (target) { event.preventDefault(); window.print(); }
  });
})();

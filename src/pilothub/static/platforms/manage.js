// Platform editing (templates/platforms/manage/edit.html): searchable multi-selects for the
// industry and service-type vocabularies. Without JavaScript the plain <select multiple> works.
(function () {
  "use strict";
  if (typeof window.TomSelect !== "function") {
    return;
  }
  document.querySelectorAll("select[data-tom-select]").forEach(function (select) {
    // eslint-disable-next-line no-new
    new window.TomSelect(select, {plugins: ["remove_button"], maxOptions: null, hideSelected: true});
  });
})();

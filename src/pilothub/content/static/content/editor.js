// Quill 2 editor for content articles: replaces each textarea[data-rich-text=quill] and writes
// the editor's HTML back into it. The server sanitises whatever is posted (nh3), so the toolbar
// only offers what the sanitiser keeps (no video, image, colour or alignment).
(function () {
  "use strict";
  if (typeof Quill === "undefined") { return; }
  document.querySelectorAll("textarea[data-rich-text=quill]").forEach(function (textarea) {
    var holder = document.createElement("div");
    holder.className = "rich-text-editor";
    holder.setAttribute("aria-label", textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent : "");
    textarea.insertAdjacentElement("afterend", holder);
    textarea.hidden = true;
    var quill = new Quill(holder, {
      theme: "snow",
      modules: {
        toolbar: [[{ header: [2, 3, 4, false] }], ["bold", "italic"], [{ list: "ordered" }, { list: "bullet" }],
          ["blockquote", "link"], ["clean"]]
      }
    });
    // The textarea holds HTML the server already sanitised.
    quill.clipboard.dangerouslyPasteHTML(textarea.value || "");
    function sync() {
      // getSemanticHTML gives real <ul>/<ol> lists; Quill 2.0 writes every space as &nbsp;.
      textarea.value = quill.getLength() > 1 ? quill.getSemanticHTML().replace(/&nbsp;/g, " ") : "";
    }
    quill.on("text-change", sync);
    textarea.form.addEventListener("submit", sync);
  });
})();

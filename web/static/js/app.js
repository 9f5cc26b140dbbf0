// Progressive enhancement only: every page works without this file.
// Choosing a reply category reloads the drafting form with the fields that category requires.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches("select[data-category-select]")) { return; }
  var form = select.closest("details");
  var url = new URL(window.location.href);
  url.searchParams.set("category", select.value);
  url.hash = form ? form.id : "";
  window.location.assign(url.toString());
});

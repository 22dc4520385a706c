// The kit's website: the download button saves the lesson's notebook instead of showing its JSON in the browser.
document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("a.btn-download-source-button[href$='.ipynb']")) {
    link.setAttribute("download", link.getAttribute("href").split("/").pop());
    link.removeAttribute("target");
  }
});

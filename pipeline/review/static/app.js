// ReviewMiner review: decisions by button or key, sent as JSON with the page's CSRF token.
"use strict";

(function () {
  const detail = document.getElementById("detail");
  const reviewer = document.getElementById("reviewer");
  const message = document.getElementById("message");
  const form = document.getElementById("edit-form");
  const token = document.querySelector('meta[name="csrf-token"]').content;

  reviewer.value = localStorage.getItem("reviewminer.reviewer") || "";
  reviewer.addEventListener("input", () => localStorage.setItem("reviewminer.reviewer", reviewer.value.trim()));

  function say(text, isError) {
    message.textContent = text; // never innerHTML: messages may quote claim text
    message.className = isError ? "message error" : "message";
    message.hidden = false;
  }

  async function decide(action) {
    if (!detail) return;
    const name = reviewer.value.trim();
    if (!name) {
      say("Enter your name as reviewer first.", true);
      reviewer.focus();
      return;
    }
    const body = { action: action, reviewer: name, comment: form.elements.comment.value };
    if (action === "edit") {
      body.subject = form.elements.subject.value;
      body.relation = form.elements.relation.value;
      body.object = form.elements.object.value;
    }
    let response;
    try {
      response = await fetch("/claims/" + encodeURIComponent(detail.dataset.claimId) + "/decision", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (error) {
      say("Could not reach the review app: " + error, true);
      return;
    }
    const result = await response.json().catch(() => ({}));
    if (!response.ok) {
      say(result.error || "The decision was not saved (HTTP " + response.status + ").", true);
      return;
    }
    const next = detail.dataset.nextUrl;
    if ((action === "accept" || action === "reject") && next) {
      window.location.assign(next);
    } else {
      window.location.reload();
    }
  }

  document.querySelectorAll("[data-action]").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.action === "edit-focus") form.elements.subject.focus();
      else decide(button.dataset.action);
    });
  });
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      decide("edit");
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select")) {
      if (event.key === "Escape") target.blur();
      return;
    }
    const go = (url) => url && window.location.assign(url);
    switch (event.key) {
      // preventDefault: without a reviewer name, decide() focuses the name field, which would receive the key
      case "a": event.preventDefault(); decide("accept"); break;
      case "r": event.preventDefault(); decide("reject"); break;
      case "u": event.preventDefault(); decide("reset"); break;
      case "e": if (form) { event.preventDefault(); form.elements.subject.focus(); } break;
      case "j": case "ArrowDown": if (detail) { event.preventDefault(); go(detail.dataset.nextUrl); } break;
      case "k": case "ArrowUp": if (detail) { event.preventDefault(); go(detail.dataset.prevUrl); } break;
      case "/": event.preventDefault(); document.getElementById("search").focus(); break;
      default: return;
    }
  });

  // Scroll the page image so the highlighted evidence is in view.
  const scroller = document.getElementById("page-scroll");
  const image = document.getElementById("page-image");
  if (scroller && image && scroller.dataset.highlightTop) {
    const place = () => { scroller.scrollTop = Math.max(0, parseFloat(scroller.dataset.highlightTop) * image.height - 60); };
    if (image.complete) place(); else image.addEventListener("load", place);
  }
  const selected = document.querySelector(".claims .selected");
  if (selected) selected.scrollIntoView({ block: "nearest" });
})();

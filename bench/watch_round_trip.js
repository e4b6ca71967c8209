({root, readout}) => {
  // Used by bench/bench_widgets_browser.py. Arms window.__bpDone: a promise of
  // [ms until the readout changed, ms until the widget's figures settled] after the next user input
  // (the click or keydown that triggers the action sets t0). "Settled": the last new picture of any
  // figure has loaded and no other picture arrived for 400 ms (null if no figure changed in 3 s).
  const box = document.querySelector(root);
  const label = box.querySelector(readout);
  const images = [...box.querySelectorAll('img.bp-figure-image')];
  let t0 = null, readoutAt = null, settledAt = null, timer = null;
  const start = () => { if (t0 === null) t0 = performance.now(); };
  for (const kind of ['pointerdown', 'keydown', 'click']) document.addEventListener(kind, start, {capture: true, once: true});
  window.__bpDone = new Promise((resolve) => {
    const finish = () => resolve([readoutAt, settledAt === null ? null : settledAt]);
    const arm = (ms) => { clearTimeout(timer); timer = setTimeout(finish, ms); };
    new MutationObserver((_, obs) => { obs.disconnect(); readoutAt = performance.now() - t0; if (!images.length) arm(0); })
      .observe(label, {subtree: true, childList: true, characterData: true});
    for (const img of images) {
      img.addEventListener('load', () => { if (t0 !== null) { settledAt = performance.now() - t0; arm(400); } });
    }
    arm(3000);
  });
}

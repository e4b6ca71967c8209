// Used by tests/browser/layout_checks.py: the problems of one widget (root element), as strings.
(root) => {
  const problems = [];
  const rect = (e) => e.getBoundingClientRect();
  const shown = (e) => { const r = rect(e); return e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden'
                                            && !(r.width === 0 && r.height === 0 && !e.textContent.trim()); };
  const name = (e) => (e.className && typeof e.className === 'string' ? e.className.split(' ').filter(c => c.startsWith('bp-'))[0] : '') || e.tagName.toLowerCase();
  const textOf = (e) => (e.innerText || '').trim().slice(0, 40);
  const column = root.closest('.jp-OutputArea-output') || root.parentElement;
  const right = rect(column).right;
  const scrollers = [...root.querySelectorAll('.bp-stepper-scroll')];
  const inScroller = (e) => scrollers.some(s => s.contains(e) && s !== e);
  const texts = [...root.querySelectorAll('.bp-readout, .widget-readout, .widget-label, .widget-html-content')].filter(shown);
  for (const e of texts) {
    if (!textOf(e)) continue;
    if (e.clientWidth === 0) problems.push(`${name(e)} "${textOf(e)}" is 0 px wide`);
    else if (e.scrollWidth > e.clientWidth + 1) problems.push(`${name(e)} "${textOf(e)}" is narrower than its text (${e.clientWidth} < ${e.scrollWidth})`);
  }
  for (const b of [...root.querySelectorAll('button')].filter(shown)) {
    if (b.scrollWidth > b.clientWidth + 1 || b.clientWidth === 0) problems.push(`button "${textOf(b)}" is cut (${b.clientWidth} < ${b.scrollWidth})`);
  }
  for (const s of [...root.querySelectorAll('.noUi-target')].filter(shown)) {
    if (rect(s).width < 60) problems.push(`slider ${name(s.closest('.widget-slider'))} track is ${rect(s).width.toFixed(0)} px wide`);
  }
  const images = [...root.querySelectorAll('img.bp-figure-image')].filter(shown);
  for (const img of images) {
    const r = rect(img);
    if (!img.naturalWidth) { problems.push(`image ${name(img)} has no picture`); continue; }
    const ratio = (r.width / r.height) / (img.naturalWidth / img.naturalHeight);
    if (Math.abs(ratio - 1) > 0.02) problems.push(`image ${name(img)} is distorted: aspect ratio ${ratio.toFixed(3)} of its own`);
  }
  const solid = [...root.querySelectorAll('.bp-readout, .widget-slider, .widget-button, .widget-checkbox, .widget-dropdown, .widget-text, .widget-inline-hbox')].filter(shown);
  for (const img of images) {
    const a = rect(img);
    for (const e of solid) {
      if (e.contains(img)) continue;
      const b = rect(e);
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) problems.push(`image ${name(img)} overlaps ${name(e)} "${textOf(e)}"`);
    }
  }
  for (const e of [...root.querySelectorAll('*')].filter(shown)) {
    if (!inScroller(e) && rect(e).right > right + 1) { problems.push(`${name(e)} "${textOf(e)}" sticks out past the column by ${(rect(e).right - right).toFixed(0)} px`); break; }
  }
  return problems;
}

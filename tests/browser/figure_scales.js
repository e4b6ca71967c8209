// Used by tests/browser/layout_checks.py: every widget figure's shown width, natural width (its layout
// width) and the output column's width.
(root) => [...root.querySelectorAll('img.bp-figure-image')].filter(i => i.offsetParent !== null).map(img => {
  const natural = parseFloat(img.style.width);
  const box = (root.closest('.jp-OutputArea-output') || root).getBoundingClientRect();
  return {name: [...img.classList].find(c => c.startsWith('bp-') && c !== 'bp-figure-image'),
          shown: img.getBoundingClientRect().width, natural, available: box.width,
          png: img.naturalWidth};
})

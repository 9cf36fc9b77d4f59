using Microsoft.Playwright;

namespace Takedown.Server.Tests.Web;

/// <summary>
/// A small automated accessibility smoke check run in the browser on a rendered page: a <c>lang</c> attribute on the
/// document, exactly one <c>h1</c>, no duplicate ids, every form control labelled (a <c>label</c>, <c>aria-label</c>
/// or <c>aria-labelledby</c> naming an existing element) and every <c>aria-describedby</c> pointing at existing
/// elements, and WCAG 2.2 AA text contrast (4.5:1, or 3:1 for large text) of every visible element's own text against
/// the first opaque background behind it. Not a full audit (no focus order, no contrast over images or gradients,
/// which it skips), but it catches the regressions that matter most for screen readers and low vision.
/// </summary>
internal static class Accessibility
{
    private const string Script = """
        () => {
          const problems = [];
          const lang = document.documentElement.getAttribute('lang');
          if (!lang || !lang.trim()) problems.push('the html element has no lang attribute');
          const h1 = document.querySelectorAll('h1').length;
          if (h1 !== 1) problems.push(`expected one h1, found ${h1}`);
          const seen = new Map();
          for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
          for (const [id, count] of seen) if (count > 1) problems.push(`id "${id}" is used ${count} times`);
          const exists = ids => ids.split(/\s+/).filter(Boolean).every(id => document.getElementById(id));
          for (const el of document.querySelectorAll('input, select, textarea')) {
            const type = (el.getAttribute('type') || '').toLowerCase();
            if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
            const labelled = (el.labels && el.labels.length > 0)
              || (el.getAttribute('aria-label') || '').trim().length > 0
              || (el.getAttribute('aria-labelledby') && exists(el.getAttribute('aria-labelledby')));
            if (!labelled) problems.push(`${el.tagName.toLowerCase()} name="${el.getAttribute('name')}" has no label`);
          }
          for (const el of document.querySelectorAll('[aria-describedby]')) {
            if (!exists(el.getAttribute('aria-describedby'))) problems.push(`aria-describedby="${el.getAttribute('aria-describedby')}" names a missing element`);
          }
          for (const el of document.querySelectorAll('button')) {
            if (!(el.textContent || '').trim() && !(el.getAttribute('aria-label') || '').trim()) problems.push('a button has no text');
          }
          const rgba = text => {
            const m = text.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
          };
          const over = (top, bottom) => ({
            r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const luminance = c => {
            const lin = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
          };
          const background = el => {
            const layers = [];
            for (let node = el; node; node = node.parentElement) {
              const style = getComputedStyle(node);
              if (style.backgroundImage && style.backgroundImage !== 'none') return null;
              const c = rgba(style.backgroundColor);
              if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            let result = { r: 255, g: 255, b: 255, a: 1 };
            for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
            return result;
          };
          for (const el of document.body.querySelectorAll('*')) {
            if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
            const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
            if (!own || el.getClientRects().length === 0 || el.closest('[disabled], [aria-hidden="true"]')) continue;
            const style = getComputedStyle(el);
            if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
            const bg = background(el);
            const fg = rgba(style.color);
            if (!bg || !fg) continue;
            const a = luminance(over(fg, bg)), b = luminance(bg);
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio < needed) {
              const text = el.textContent.trim().slice(0, 40);
              problems.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for "${text}" (${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
            }
          }
          return problems;
        }
        """;

    /// <summary>Fails with every problem found on the current page.</summary>
    public static async Task AssertPassesAsync(IPage page)
    {
        string[] problems = await page.EvaluateAsync<string[]>(Script);
        problems.ShouldBeEmpty($"accessibility smoke check on {page.Url}");
    }
}

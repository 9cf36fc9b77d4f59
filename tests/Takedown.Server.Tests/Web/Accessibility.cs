using Microsoft.Playwright;

namespace Takedown.Server.Tests.Web;

/// <summary>
/// A small automated accessibility smoke check run in the browser on a rendered page: a <c>lang</c> attribute on the
/// document, exactly one <c>h1</c>, no duplicate ids, every form control labelled (a <c>label</c>, <c>aria-label</c>
/// or <c>aria-labelledby</c> naming an existing element) and every <c>aria-describedby</c> pointing at existing
/// elements. Not a full audit (no contrast or focus order), but it catches the regressions that matter most for
/// screen readers.
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

// The charter's Markdown renderer: what residents and facilitators type can never run a script, load a
// resource or send someone to a javascript: or data: URL; ordinary formatting and links still work.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/modules/charter/markdown.server";

const attrs = (html: string) => [...html.matchAll(/<[a-z][^>]*>/g)].map((m) => m[0]);

describe("renderMarkdown", () => {
  it("renders ordinary Markdown: emphasis, lists, safe links with rel", () => {
    const html = renderMarkdown(
      "Les heures calmes : **22 h**.\n\n- ranger\n- nettoyer\n\n[Le site](https://exemple.fr) ou [écrire](mailto:collectif@exemple.fr)",
    );
    expect(html).toContain("<strong>22 h</strong>");
    expect(html).toContain("<li>ranger</li>");
    expect(html).toContain('<a href="https://exemple.fr" rel="noopener noreferrer nofollow">Le site</a>');
    expect(html).toContain('<a href="mailto:collectif@exemple.fr" rel="noopener noreferrer nofollow">écrire</a>');
  });

  it("escapes a <script> element instead of rendering it", () => {
    const html = renderMarkdown("Bonjour <script>alert(1)</script>");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes an <img onerror> and an <a href onclick>", () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>\n\n<a href="#" onclick="alert(1)">clic</a>');
    expect(attrs(html).join(" ")).not.toMatch(/<img|<a |onerror|onclick/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;a href=&quot;#&quot; onclick=&quot;alert(1)&quot;&gt;");
  });

  it("leaves javascript:, data: and other links as plain text", () => {
    for (const source of [
      "[x](javascript:alert(1))",
      "[x](JAVASCRIPT:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](vbscript:msgbox)",
      "<javascript:alert(1)>",
      "[x](/g/autre)",
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toContain("<a");
      expect(html.toLowerCase(), source).not.toMatch(/href=/);
    }
  });

  it("never renders an image, not even a data: one", () => {
    const html = renderMarkdown("![pixel](https://traceur.exemple/p.gif) ![x](data:image/png;base64,iVBORw0KGgo=)");
    expect(html).not.toContain("<img");
  });

  it("autolinks bare web addresses, with rel", () => {
    expect(renderMarkdown("Voir https://exemple.fr/charte")).toContain('<a href="https://exemple.fr/charte" rel="noopener noreferrer nofollow">');
  });
});

// The one Markdown renderer of the charter (and of anything else residents write in Markdown): raw HTML is
// escaped (html: false), links go only to http(s) and mailto and never pass the page's context on
// (rel="noopener noreferrer nofollow"), images are not rendered (no remote pixel, no data: URL). Loaders call
// renderMarkdown and send the HTML; components insert it as is.
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;
const REL = "noopener noreferrer nofollow";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(["image"]);
// Replaces markdown-it's own check (which lets relative and some data: URLs through): a link that fails
// is left as plain text.
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const renderLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", REL);
  return renderLinkOpen(tokens, idx, options, env, self);
};

/** Markdown → HTML safe to insert in a page. */
export function renderMarkdown(source: string): string {
  return md.render(source ?? "");
}

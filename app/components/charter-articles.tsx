// A charter version's articles, numbered, with their Markdown already rendered (and sanitised) by the
// server: the HTML comes from app/modules/charter/markdown.server.ts only.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type ArticleView = { id: string; key: string; number: number; title: string; html: string };

export function CharterArticles({
  articles,
  headingLevel = 2,
  after,
}: {
  articles: ArticleView[];
  headingLevel?: 2 | 3;
  after?: (a: ArticleView) => ReactNode;
}) {
  const { t } = useTranslation("charter");
  const H = headingLevel === 2 ? "h2" : "h3";
  if (!articles.length) return <p className="muted">{t("no_articles")}</p>;
  return (
    <div className="charter-articles">
      {articles.map((a) => (
        <article key={a.id} id={`article-${a.key}`} aria-labelledby={`article-${a.key}-title`}>
          <H id={`article-${a.key}-title`}>{t("article_heading", { number: a.number, title: a.title })}</H>
          <div className="charter-text" dangerouslySetInnerHTML={{ __html: a.html }} />
          {after ? after(a) : null}
        </article>
      ))}
    </div>
  );
}

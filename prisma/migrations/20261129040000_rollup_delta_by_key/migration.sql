-- rollup_coding() removed rows that reached zero with a DELETE on (coder, period, outlet, genre),
-- which is not a prefix of the primary key: it read every rollup row of the coder. It now deletes
-- exactly the rows its upsert brought to zero, by their full key. Same results, index lookups only.
CREATE OR REPLACE FUNCTION "rollup_coding"(p_article INTEGER, p_coder INTEGER, p_sign INTEGER, p_codes INTEGER[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a RECORD;
    m DATE;
    has_article_codes BOOLEAN;
    zero_codes INTEGER[];
BEGIN
    SELECT published_at, outlet_id, genre INTO a FROM "article" WHERE id = p_article;
    m := date_trunc('month', a.published_at)::date;

    WITH up AS (
    INSERT INTO "frame_rollup_day" AS r ("coder_id", "code_id", "day", "outlet_id", "genre", "passages", "passage_articles", "article_codes")
    SELECT p_coder, d.code_id, a.published_at, a.outlet_id, a.genre, p_sign * d.passages, p_sign * d.passage_articles, p_sign * d.article_codes FROM (
        SELECT code_id, sum(passages)::int AS passages, sum(passage_articles)::int AS passage_articles, sum(article_codes)::int AS article_codes FROM (
            SELECT code_id, count(*) AS passages, 1 AS passage_articles, 0 AS article_codes
            FROM "passage_code" WHERE article_id = p_article AND coder_id = p_coder
              AND (p_codes IS NULL OR code_id = ANY (p_codes))
            GROUP BY code_id
            UNION ALL
            SELECT code_id, 0, 0, 1 FROM "article_code" WHERE article_id = p_article AND coder_id = p_coder
              AND (p_codes IS NULL OR code_id = ANY (p_codes))
        ) t GROUP BY code_id
    ) d
    ON CONFLICT ("coder_id", "code_id", "day", "outlet_id", "genre") DO UPDATE
    SET passages = r.passages + excluded.passages, passage_articles = r.passage_articles + excluded.passage_articles, article_codes = r.article_codes + excluded.article_codes
    RETURNING r.code_id, r.passages = 0 AND r.passage_articles = 0 AND r.article_codes = 0 AS zero)
    SELECT array_agg(code_id) FILTER (WHERE zero) INTO zero_codes FROM up;
    IF zero_codes IS NOT NULL THEN
        DELETE FROM "frame_rollup_day" WHERE coder_id = p_coder AND code_id = ANY (zero_codes)
          AND day = a.published_at AND outlet_id = a.outlet_id AND genre = a.genre;
    END IF;

    WITH up AS (
    INSERT INTO "frame_rollup_month" AS r ("coder_id", "code_id", "month", "outlet_id", "genre", "passages", "passage_articles", "article_codes")
    SELECT p_coder, d.code_id, m, a.outlet_id, a.genre, p_sign * d.passages, p_sign * d.passage_articles, p_sign * d.article_codes FROM (
        SELECT code_id, sum(passages)::int AS passages, sum(passage_articles)::int AS passage_articles, sum(article_codes)::int AS article_codes FROM (
            SELECT code_id, count(*) AS passages, 1 AS passage_articles, 0 AS article_codes
            FROM "passage_code" WHERE article_id = p_article AND coder_id = p_coder
              AND (p_codes IS NULL OR code_id = ANY (p_codes))
            GROUP BY code_id
            UNION ALL
            SELECT code_id, 0, 0, 1 FROM "article_code" WHERE article_id = p_article AND coder_id = p_coder
              AND (p_codes IS NULL OR code_id = ANY (p_codes))
        ) t GROUP BY code_id
    ) d
    ON CONFLICT ("coder_id", "code_id", "month", "outlet_id", "genre") DO UPDATE
    SET passages = r.passages + excluded.passages, passage_articles = r.passage_articles + excluded.passage_articles, article_codes = r.article_codes + excluded.article_codes
    RETURNING r.code_id, r.passages = 0 AND r.passage_articles = 0 AND r.article_codes = 0 AS zero)
    SELECT array_agg(code_id) FILTER (WHERE zero) INTO zero_codes FROM up;
    IF zero_codes IS NOT NULL THEN
        DELETE FROM "frame_rollup_month" WHERE coder_id = p_coder AND code_id = ANY (zero_codes)
          AND month = m AND outlet_id = a.outlet_id AND genre = a.genre;
    END IF;

    -- The per-coder n moves only when the whole coding moves or its article-level codes change.
    IF p_codes IS NULL OR EXISTS (SELECT 1 FROM "code" c JOIN "dimension" dm ON dm.id = c.dimension_id
                                  WHERE c.id = ANY (p_codes) AND dm.scope = 'article') THEN
        SELECT EXISTS (SELECT 1 FROM "article_code" WHERE article_id = p_article AND coder_id = p_coder) INTO has_article_codes;
        IF has_article_codes THEN
            INSERT INTO "coder_article_rollup_day" AS r ("coder_id", "day", "outlet_id", "genre", "articles")
            VALUES (p_coder, a.published_at, a.outlet_id, a.genre, p_sign)
            ON CONFLICT ("coder_id", "day", "outlet_id", "genre") DO UPDATE SET articles = r.articles + excluded.articles;
            DELETE FROM "coder_article_rollup_day" WHERE coder_id = p_coder AND day = a.published_at AND outlet_id = a.outlet_id AND genre = a.genre AND articles = 0;
            INSERT INTO "coder_article_rollup_month" AS r ("coder_id", "month", "outlet_id", "genre", "articles")
            VALUES (p_coder, m, a.outlet_id, a.genre, p_sign)
            ON CONFLICT ("coder_id", "month", "outlet_id", "genre") DO UPDATE SET articles = r.articles + excluded.articles;
            DELETE FROM "coder_article_rollup_month" WHERE coder_id = p_coder AND month = m AND outlet_id = a.outlet_id AND genre = a.genre AND articles = 0;
        END IF;
    END IF;
END;
$$;


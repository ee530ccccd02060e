-- Synthetic rows (generated for measurement, never real data) are marked on every table that can hold them.
ALTER TABLE "outlet" ADD COLUMN "synthetic" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "coder" ADD COLUMN "synthetic" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "passage_code" ADD COLUMN "synthetic" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "article_code" ADD COLUMN "synthetic" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "event" ADD COLUMN "synthetic" BOOLEAN NOT NULL DEFAULT false;
-- Lets the dashboard tell at once whether it is reading generated data.
CREATE INDEX "article_synthetic_idx" ON "article"("synthetic") WHERE "synthetic";

-- Rollups for the dashboard's aggregates: outlet × genre × period × coder × code.
-- passages: coded passages; passage_articles: articles with at least one such passage;
-- article_codes: articles with that article-level code (weapons, tone_gov).
-- An article has one outlet, genre and date, so every count adds up exactly across rows.
CREATE TABLE "frame_rollup_day" (
    "coder_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "passages" INTEGER NOT NULL,
    "passage_articles" INTEGER NOT NULL,
    "article_codes" INTEGER NOT NULL,

    CONSTRAINT "frame_rollup_day_pkey" PRIMARY KEY ("coder_id","code_id","day","outlet_id","genre")
);

CREATE TABLE "frame_rollup_month" (
    "coder_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "passages" INTEGER NOT NULL,
    "passage_articles" INTEGER NOT NULL,
    "article_codes" INTEGER NOT NULL,

    CONSTRAINT "frame_rollup_month_pkey" PRIMARY KEY ("coder_id","code_id","month","outlet_id","genre")
);

-- Articles per outlet × genre × period: the n of every chart.
CREATE TABLE "article_rollup_day" (
    "day" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "articles" INTEGER NOT NULL,

    CONSTRAINT "article_rollup_day_pkey" PRIMARY KEY ("day","outlet_id","genre")
);

CREATE TABLE "article_rollup_month" (
    "month" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "articles" INTEGER NOT NULL,

    CONSTRAINT "article_rollup_month_pkey" PRIMARY KEY ("month","outlet_id","genre")
);

-- Rebuilds every rollup from the base tables. The seeder and the bulk loader call it
-- inside their own transaction, so readers never see rollups out of step with the data.
CREATE FUNCTION "refresh_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "frame_rollup_day";
    DELETE FROM "frame_rollup_month";
    DELETE FROM "article_rollup_day";
    DELETE FROM "article_rollup_month";

    INSERT INTO "frame_rollup_day" ("coder_id", "code_id", "day", "outlet_id", "genre", "passages", "passage_articles", "article_codes")
    SELECT coder_id, code_id, day, outlet_id, genre, sum(passages)::int, sum(passage_articles)::int, sum(article_codes)::int
    FROM (
        SELECT pc.coder_id, pc.code_id, a.published_at AS day, a.outlet_id, a.genre,
               count(*) AS passages, count(DISTINCT pc.article_id) AS passage_articles, 0 AS article_codes
        FROM "passage_code" pc JOIN "article" a ON a.id = pc.article_id
        GROUP BY pc.coder_id, pc.code_id, a.published_at, a.outlet_id, a.genre
        UNION ALL
        SELECT ac.coder_id, ac.code_id, a.published_at, a.outlet_id, a.genre, 0, 0, count(*)
        FROM "article_code" ac JOIN "article" a ON a.id = ac.article_id
        GROUP BY ac.coder_id, ac.code_id, a.published_at, a.outlet_id, a.genre
    ) t
    GROUP BY coder_id, code_id, day, outlet_id, genre;

    INSERT INTO "frame_rollup_month" ("coder_id", "code_id", "month", "outlet_id", "genre", "passages", "passage_articles", "article_codes")
    SELECT coder_id, code_id, date_trunc('month', day)::date, outlet_id, genre, sum(passages)::int, sum(passage_articles)::int, sum(article_codes)::int
    FROM "frame_rollup_day"
    GROUP BY coder_id, code_id, date_trunc('month', day), outlet_id, genre;

    INSERT INTO "article_rollup_day" ("day", "outlet_id", "genre", "articles")
    SELECT published_at, outlet_id, genre, count(*)::int FROM "article" GROUP BY published_at, outlet_id, genre;

    INSERT INTO "article_rollup_month" ("month", "outlet_id", "genre", "articles")
    SELECT date_trunc('month', day)::date, outlet_id, genre, sum(articles)::int FROM "article_rollup_day"
    GROUP BY date_trunc('month', day), outlet_id, genre;
END;
$$;

SELECT "refresh_rollups"();

-- Accounts, assignments, coding in the browser and rollups kept by deltas.

-- Where a row came from: the seed files (the seeder owns it) or the application (the seeder never touches it).
CREATE TYPE "RowOrigin" AS ENUM ('seed', 'app');

-- Every existing real row came from the seeds; rows written from now on default to 'app' (the seeder says 'seed').
ALTER TABLE "outlet" ADD COLUMN "origin" "RowOrigin" NOT NULL DEFAULT 'seed';
ALTER TABLE "outlet" ALTER COLUMN "origin" SET DEFAULT 'app';
ALTER TABLE "coder" ADD COLUMN "origin" "RowOrigin" NOT NULL DEFAULT 'seed';
ALTER TABLE "coder" ALTER COLUMN "origin" SET DEFAULT 'app';
ALTER TABLE "article" ADD COLUMN "origin" "RowOrigin" NOT NULL DEFAULT 'seed';
ALTER TABLE "article" ALTER COLUMN "origin" SET DEFAULT 'app';
ALTER TABLE "passage_code" ADD COLUMN "origin" "RowOrigin" NOT NULL DEFAULT 'seed';
ALTER TABLE "passage_code" ALTER COLUMN "origin" SET DEFAULT 'app';
ALTER TABLE "article_code" ADD COLUMN "origin" "RowOrigin" NOT NULL DEFAULT 'seed';
ALTER TABLE "article_code" ALTER COLUMN "origin" SET DEFAULT 'app';
UPDATE "outlet" SET "origin" = 'app' WHERE "synthetic";
UPDATE "coder" SET "origin" = 'app' WHERE "synthetic";
UPDATE "article" SET "origin" = 'app' WHERE "synthetic";
UPDATE "passage_code" SET "origin" = 'app' WHERE "synthetic";
UPDATE "article_code" SET "origin" = 'app' WHERE "synthetic";

ALTER TABLE "article" ADD COLUMN "created_at" TIMESTAMPTZ NOT NULL DEFAULT now();
-- True when every coder assigned to the article has marked it done (or nobody is assigned):
-- only then do its codings reach public pages, the API and the rollups.
ALTER TABLE "article" ADD COLUMN "codings_public" BOOLEAN NOT NULL DEFAULT true;

-- Accounts (better-auth's user, session, account and verification models).
CREATE TABLE "auth_user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "role" TEXT NOT NULL DEFAULT 'coder',
    "banned" BOOLEAN DEFAULT false,
    "ban_reason" TEXT,
    "ban_expires" TIMESTAMPTZ,
    "coder_id" INTEGER,
    CONSTRAINT "auth_user_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "auth_user_role_check" CHECK ("role" IN ('admin', 'coder')),
    CONSTRAINT "auth_user_coder_id_fkey" FOREIGN KEY ("coder_id") REFERENCES "coder"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "auth_user_email_key" ON "auth_user"("email");
CREATE UNIQUE INDEX "auth_user_coder_id_key" ON "auth_user"("coder_id");

CREATE TABLE "auth_session" (
    "id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "ip_address" TEXT,
    "user_agent" TEXT,
    "user_id" TEXT NOT NULL,
    "impersonated_by" TEXT,
    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "auth_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "auth_session_token_key" ON "auth_session"("token");
CREATE INDEX "auth_session_user_id_idx" ON "auth_session"("user_id");

CREATE TABLE "auth_account" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ,
    "refresh_token_expires_at" TIMESTAMPTZ,
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "auth_account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "auth_account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "auth_account_user_id_idx" ON "auth_account"("user_id");

CREATE TABLE "auth_verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "auth_verification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "auth_verification_identifier_idx" ON "auth_verification"("identifier");

-- Personal API tokens for scripts: only a SHA-256 hash is kept; they last until revoked.
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- One-time invitation links (no mail server): the link carries a secret, the table its hash.
CREATE TABLE "invitation" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "coder_key" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invitation_role_check" CHECK ("role" IN ('admin', 'coder')),
    CONSTRAINT "invitation_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"("token_hash");

-- Who codes which article. version counts the writes to that coder's coding of the article
-- (optimistic concurrency: a write names the version it was based on).
CREATE TABLE "assignment" (
    "article_id" INTEGER NOT NULL,
    "coder_id" INTEGER NOT NULL,
    "assigned_by" TEXT,
    "assigned_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "done_at" TIMESTAMPTZ,
    "version" INTEGER NOT NULL DEFAULT 0,
    "origin" "RowOrigin" NOT NULL DEFAULT 'app',
    CONSTRAINT "assignment_pkey" PRIMARY KEY ("article_id", "coder_id"),
    CONSTRAINT "assignment_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "assignment_coder_id_fkey" FOREIGN KEY ("coder_id") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "assignment_assigned_by_fkey" FOREIGN KEY ("assigned_by") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "assignment_coder_id_idx" ON "assignment"("coder_id");

-- The seed coding is done: one assignment per real (article, coder) that has codings.
INSERT INTO "assignment" ("article_id", "coder_id", "done_at", "origin")
SELECT DISTINCT t.article_id, t.coder_id, now(), 'seed'::"RowOrigin"
FROM (SELECT article_id, coder_id FROM "passage_code" WHERE NOT "synthetic"
      UNION SELECT article_id, coder_id FROM "article_code" WHERE NOT "synthetic") t;

-- Append-only record of every coding write: who, when, before and after.
CREATE TABLE "coding_history" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "user_id" TEXT,
    "coder_id" INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "passage_id" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "version" INTEGER NOT NULL,
    CONSTRAINT "coding_history_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "coding_history_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "coding_history_coder_id_fkey" FOREIGN KEY ("coder_id") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "coding_history_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "coding_history_article_coder_idx" ON "coding_history"("article_id", "coder_id");
CREATE INDEX "coding_history_at_idx" ON "coding_history"("at");

CREATE FUNCTION "coding_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'coding_history is append-only';
END;
$$;
CREATE TRIGGER "coding_history_append_only" BEFORE UPDATE OR DELETE ON "coding_history"
FOR EACH ROW EXECUTE FUNCTION "coding_history_append_only"();

-- Articles per coder × outlet × genre × period whose codings by that coder are public: the n of
-- every chart under coder=X (articles imported but not yet coded by X do not dilute X's shares).
CREATE TABLE "coder_article_rollup_day" (
    "coder_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "articles" INTEGER NOT NULL,
    CONSTRAINT "coder_article_rollup_day_pkey" PRIMARY KEY ("coder_id", "day", "outlet_id", "genre")
);
CREATE TABLE "coder_article_rollup_month" (
    "coder_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "genre" "Genre" NOT NULL,
    "articles" INTEGER NOT NULL,
    CONSTRAINT "coder_article_rollup_month_pkey" PRIMARY KEY ("coder_id", "month", "outlet_id", "genre")
);

-- The rebuild now counts only public codings (see article.codings_public) and fills the per-coder n.
CREATE OR REPLACE FUNCTION "refresh_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "frame_rollup_day";
    DELETE FROM "frame_rollup_month";
    DELETE FROM "article_rollup_day";
    DELETE FROM "article_rollup_month";
    DELETE FROM "coder_article_rollup_day";
    DELETE FROM "coder_article_rollup_month";

    INSERT INTO "frame_rollup_day" ("coder_id", "code_id", "day", "outlet_id", "genre", "passages", "passage_articles", "article_codes")
    SELECT coder_id, code_id, day, outlet_id, genre, sum(passages)::int, sum(passage_articles)::int, sum(article_codes)::int
    FROM (
        SELECT pc.coder_id, pc.code_id, a.published_at AS day, a.outlet_id, a.genre,
               count(*) AS passages, count(DISTINCT pc.article_id) AS passage_articles, 0 AS article_codes
        FROM "passage_code" pc JOIN "article" a ON a.id = pc.article_id
        WHERE a.codings_public
        GROUP BY pc.coder_id, pc.code_id, a.published_at, a.outlet_id, a.genre
        UNION ALL
        SELECT ac.coder_id, ac.code_id, a.published_at, a.outlet_id, a.genre, 0, 0, count(*)
        FROM "article_code" ac JOIN "article" a ON a.id = ac.article_id
        WHERE a.codings_public
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

    INSERT INTO "coder_article_rollup_day" ("coder_id", "day", "outlet_id", "genre", "articles")
    SELECT c.coder_id, a.published_at, a.outlet_id, a.genre, count(*)::int
    FROM (SELECT DISTINCT article_id, coder_id FROM "article_code") c JOIN "article" a ON a.id = c.article_id
    WHERE a.codings_public
    GROUP BY c.coder_id, a.published_at, a.outlet_id, a.genre;

    INSERT INTO "coder_article_rollup_month" ("coder_id", "month", "outlet_id", "genre", "articles")
    SELECT coder_id, date_trunc('month', day)::date, outlet_id, genre, sum(articles)::int FROM "coder_article_rollup_day"
    GROUP BY coder_id, date_trunc('month', day), outlet_id, genre;
END;
$$;

-- Adds (sign = 1) or removes (sign = -1) one coder's coding of one article to or from every
-- rollup, restricted to code_ids when given (NULL: all the coder's codes on the article).
-- A write to a public coding calls it with -1 before the change and +1 after, with the same
-- codes, so the rollups move by exactly the difference; rows that reach zero are removed,
-- which keeps the tables equal to a rebuild by refresh_rollups().
CREATE FUNCTION "rollup_coding"(p_article INTEGER, p_coder INTEGER, p_sign INTEGER, p_codes INTEGER[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a RECORD;
    m DATE;
    has_article_codes BOOLEAN;
BEGIN
    SELECT published_at, outlet_id, genre INTO a FROM "article" WHERE id = p_article;
    m := date_trunc('month', a.published_at)::date;

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
    SET passages = r.passages + excluded.passages, passage_articles = r.passage_articles + excluded.passage_articles, article_codes = r.article_codes + excluded.article_codes;
    DELETE FROM "frame_rollup_day" WHERE coder_id = p_coder AND day = a.published_at AND outlet_id = a.outlet_id AND genre = a.genre
      AND passages = 0 AND passage_articles = 0 AND article_codes = 0;

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
    SET passages = r.passages + excluded.passages, passage_articles = r.passage_articles + excluded.passage_articles, article_codes = r.article_codes + excluded.article_codes;
    DELETE FROM "frame_rollup_month" WHERE coder_id = p_coder AND month = m AND outlet_id = a.outlet_id AND genre = a.genre
      AND passages = 0 AND passage_articles = 0 AND article_codes = 0;

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

-- Adds (1) or removes (-1) one article to or from the article counts (an import).
CREATE FUNCTION "rollup_article"(p_article INTEGER, p_sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a RECORD;
    m DATE;
BEGIN
    SELECT published_at, outlet_id, genre INTO a FROM "article" WHERE id = p_article;
    m := date_trunc('month', a.published_at)::date;
    INSERT INTO "article_rollup_day" AS r ("day", "outlet_id", "genre", "articles") VALUES (a.published_at, a.outlet_id, a.genre, p_sign)
    ON CONFLICT ("day", "outlet_id", "genre") DO UPDATE SET articles = r.articles + excluded.articles;
    DELETE FROM "article_rollup_day" WHERE day = a.published_at AND outlet_id = a.outlet_id AND genre = a.genre AND articles = 0;
    INSERT INTO "article_rollup_month" AS r ("month", "outlet_id", "genre", "articles") VALUES (m, a.outlet_id, a.genre, p_sign)
    ON CONFLICT ("month", "outlet_id", "genre") DO UPDATE SET articles = r.articles + excluded.articles;
    DELETE FROM "article_rollup_month" WHERE month = m AND outlet_id = a.outlet_id AND genre = a.genre AND articles = 0;
END;
$$;

SELECT "refresh_rollups"();

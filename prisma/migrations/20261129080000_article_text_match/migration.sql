-- A project import matches its sources to articles by their text: the same text, or the same
-- text once whitespace is normalised (every run of spaces, tabs and line breaks one space, none at
-- either end). Hash indexes on the md5 of both make each a lookup instead of a scan of every body;
-- queries use the same expressions (the function below for the normalised one).
CREATE FUNCTION "normalised_text_md5"(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT md5(btrim(regexp_replace(t, '[\t\n\v\f\r ]+', ' ', 'g'), ' ')) $$;

CREATE INDEX "article_body_md5_idx" ON "article" USING HASH (md5("body"));
CREATE INDEX "article_body_normalised_md5_idx" ON "article" USING HASH ("normalised_text_md5"("body"));

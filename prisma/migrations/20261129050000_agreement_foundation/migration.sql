-- Foundations of intercoder agreement: the reference coding's kind, a data version that every
-- change of the coded corpus bumps (caches key on it), and site settings.

-- REF, the reference coding an admin adjudicates from the coders' disagreements.
ALTER TYPE "CoderKind" ADD VALUE IF NOT EXISTS 'adjudicated';

-- One row whose version rises with every statement that changes what a figure can show. It is
-- bumped inside the writing transaction, so a reader that sees the new version also sees the
-- new rows: a cache keyed by the version never keeps a figure older than the last write.
CREATE TABLE "data_version" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "data_version_one_row" CHECK ("id")
);
INSERT INTO "data_version" DEFAULT VALUES;

CREATE OR REPLACE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "data_version" SET "version" = "version" + 1, "changed_at" = now();
    RETURN NULL;
END $$;

CREATE TRIGGER "article_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "article"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "passage_code_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "passage_code"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "article_code_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "article_code"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "assignment_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "assignment"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "coder_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "coder"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "outlet_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "outlet"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "code_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "code"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "dimension_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dimension"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "event_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "event"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "event_article_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "event_article"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();

-- Site settings an admin changes (for now: the dashboard's default coder).
CREATE TABLE "app_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "app_setting_pkey" PRIMARY KEY ("key"),
    CONSTRAINT "app_setting_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TRIGGER "app_setting_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_setting"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();

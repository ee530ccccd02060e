-- Adjudication: an admin resolves two coders' disagreements on an article into the reference
-- coding REF (coder kind 'adjudicated'). One adjudication per article names the pair it
-- resolves; each decision records what was chosen for one item, by whom, when and why, and
-- every REF passage and article code points at the decision it came from.

CREATE TABLE "adjudication" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "coder_a" INTEGER NOT NULL,
    "coder_b" INTEGER NOT NULL,
    "started_by" TEXT,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "completed_at" TIMESTAMPTZ,
    CONSTRAINT "adjudication_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "adjudication_distinct_coders" CHECK ("coder_a" <> "coder_b"),
    CONSTRAINT "adjudication_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "adjudication_coder_a_fkey" FOREIGN KEY ("coder_a") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "adjudication_coder_b_fkey" FOREIGN KEY ("coder_b") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "adjudication_started_by_fkey" FOREIGN KEY ("started_by") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "adjudication_article_id_key" ON "adjudication"("article_id");

-- choice: 'agreed' (both coders coded it alike; recorded when REF is built), 'a' or 'b' (that
-- coder's codes), 'own' (code_id on start..end, or no code when code_id is null).
CREATE TABLE "adjudication_decision" (
    "id" SERIAL NOT NULL,
    "adjudication_id" INTEGER NOT NULL,
    "item_key" TEXT NOT NULL,
    "dimension_id" INTEGER NOT NULL,
    "choice" TEXT NOT NULL,
    "code_id" INTEGER,
    "start" INTEGER,
    "end" INTEGER,
    "voice" "PassageVoice",
    "reason" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "adjudication_decision_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "adjudication_decision_choice" CHECK ("choice" IN ('agreed', 'a', 'b', 'own')),
    CONSTRAINT "adjudication_decision_reason" CHECK ("choice" = 'agreed' OR length(btrim("reason")) > 0),
    CONSTRAINT "adjudication_decision_span" CHECK (("start" IS NULL) = ("end" IS NULL) AND ("start" IS NULL OR "start" < "end")),
    CONSTRAINT "adjudication_decision_adjudication_id_fkey" FOREIGN KEY ("adjudication_id") REFERENCES "adjudication"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "adjudication_decision_dimension_id_fkey" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "adjudication_decision_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "code"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "adjudication_decision_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "auth_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "adjudication_decision_adjudication_id_item_key_key" ON "adjudication_decision"("adjudication_id", "item_key");

-- Provenance of the reference coding's rows (null for every other coder's).
ALTER TABLE "passage_code" ADD COLUMN "decision_id" INTEGER;
ALTER TABLE "passage_code" ADD CONSTRAINT "passage_code_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "adjudication_decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "passage_code_decision_id_idx" ON "passage_code"("decision_id");
ALTER TABLE "article_code" ADD COLUMN "decision_id" INTEGER;
ALTER TABLE "article_code" ADD CONSTRAINT "article_code_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "adjudication_decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "article_code_decision_id_idx" ON "article_code"("decision_id");

-- CreateEnum
CREATE TYPE "Genre" AS ENUM ('editorial', 'column', 'news_analysis', 'news_report');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('exact', 'inferred');

-- CreateEnum
CREATE TYPE "CoderKind" AS ENUM ('person', 'automatic');

-- CreateEnum
CREATE TYPE "DimensionScope" AS ENUM ('passage', 'article');

-- CreateTable
CREATE TABLE "outlet" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orientation" TEXT,
    "orientation_source" TEXT,
    "url" TEXT,

    CONSTRAINT "outlet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "outlet_id" INTEGER NOT NULL,
    "headline" TEXT NOT NULL,
    "headline_label" TEXT,
    "standfirst" TEXT,
    "byline" TEXT,
    "author_note" TEXT,
    "genre" "Genre" NOT NULL,
    "published_at" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL,
    "date_reason" TEXT,
    "language" TEXT NOT NULL,
    "source_file" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "captions" TEXT[],
    "content_hash" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dimension" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "scope" "DimensionScope" NOT NULL,
    "ordinal" BOOLEAN NOT NULL DEFAULT false,
    "order" INTEGER NOT NULL,

    CONSTRAINT "dimension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "code" (
    "id" SERIAL NOT NULL,
    "dimension_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "indicators" TEXT[],
    "colour" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "value" INTEGER,

    CONSTRAINT "code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coder" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CoderKind" NOT NULL,
    "version" TEXT,
    "description" TEXT,

    CONSTRAINT "coder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passage_code" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    "coder_id" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "passage_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "article_code" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "dimension_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    "coder_id" INTEGER NOT NULL,
    "note" TEXT,

    CONSTRAINT "article_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_article" (
    "event_id" INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL,
    "quote" TEXT,

    CONSTRAINT "event_article_pkey" PRIMARY KEY ("event_id","article_id")
);

-- CreateTable
CREATE TABLE "saved_view" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seed_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "hash" TEXT NOT NULL,
    "loaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seed_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outlet_slug_key" ON "outlet"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "article_slug_key" ON "article"("slug");

-- CreateIndex
CREATE INDEX "article_outlet_id_published_at_idx" ON "article"("outlet_id", "published_at");

-- CreateIndex
CREATE INDEX "article_published_at_idx" ON "article"("published_at");

-- CreateIndex
CREATE INDEX "article_genre_idx" ON "article"("genre");

-- CreateIndex
CREATE UNIQUE INDEX "dimension_key_key" ON "dimension"("key");

-- CreateIndex
CREATE UNIQUE INDEX "code_dimension_id_key_key" ON "code"("dimension_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "coder_key_key" ON "coder"("key");

-- CreateIndex
CREATE INDEX "passage_code_code_id_coder_id_idx" ON "passage_code"("code_id", "coder_id");

-- CreateIndex
CREATE INDEX "passage_code_coder_id_article_id_idx" ON "passage_code"("coder_id", "article_id");

-- CreateIndex
CREATE UNIQUE INDEX "passage_code_article_id_code_id_coder_id_start_end_key" ON "passage_code"("article_id", "code_id", "coder_id", "start", "end");

-- CreateIndex
CREATE INDEX "article_code_code_id_coder_id_idx" ON "article_code"("code_id", "coder_id");

-- CreateIndex
CREATE UNIQUE INDEX "article_code_article_id_dimension_id_coder_id_key" ON "article_code"("article_id", "dimension_id", "coder_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_key_key" ON "event"("key");

-- CreateIndex
CREATE INDEX "event_date_idx" ON "event"("date");

-- AddForeignKey
ALTER TABLE "article" ADD CONSTRAINT "article_outlet_id_fkey" FOREIGN KEY ("outlet_id") REFERENCES "outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "code" ADD CONSTRAINT "code_dimension_id_fkey" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passage_code" ADD CONSTRAINT "passage_code_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passage_code" ADD CONSTRAINT "passage_code_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "code"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passage_code" ADD CONSTRAINT "passage_code_coder_id_fkey" FOREIGN KEY ("coder_id") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_code" ADD CONSTRAINT "article_code_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_code" ADD CONSTRAINT "article_code_dimension_id_fkey" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_code" ADD CONSTRAINT "article_code_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "code"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_code" ADD CONSTRAINT "article_code_coder_id_fkey" FOREIGN KEY ("coder_id") REFERENCES "coder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_article" ADD CONSTRAINT "event_article_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_article" ADD CONSTRAINT "event_article_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whose view a coded passage states: the article's own voice, a view it reports, or undecidable.
CREATE TYPE "PassageVoice" AS ENUM ('own', 'reported', 'unclear');

-- Rows coded before this column existed were never judged for voice, so they are 'unclear';
-- the default then goes, so every new passage code must state its voice explicitly.
ALTER TABLE "passage_code" ADD COLUMN "voice" "PassageVoice" NOT NULL DEFAULT 'unclear';
ALTER TABLE "passage_code" ALTER COLUMN "voice" DROP DEFAULT;

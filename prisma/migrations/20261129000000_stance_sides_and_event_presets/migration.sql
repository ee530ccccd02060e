-- Which side of a diverging stance axis a code sits on (weapons: against, for, or no stance).
CREATE TYPE "StanceSide" AS ENUM ('against', 'for', 'none');
ALTER TABLE "code" ADD COLUMN "side" "StanceSide";

-- Events that the dashboard offers as "before / from" date presets.
ALTER TABLE "event" ADD COLUMN "preset" BOOLEAN NOT NULL DEFAULT false;

import { methods, ok, route } from "@/app/lib/api";
import { previewPage } from "@/app/lib/import/import";
import { readUpload } from "@/app/lib/import/read-upload";

// What an import of this page would store, and whether the page is already in the corpus.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: "admin" }, async ({ req }) => ok(await previewPage(await readUpload(req)))),
});

import { NextResponse } from "next/server";
import { methods, route } from "@/app/lib/api";
import { importProject } from "@/app/lib/refi/import";
import { readProjectUpload } from "@/app/lib/refi/import-upload";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  // Imports a REFI-QDA project (.qdpx, multipart `file`): the preview with dryRun=true (200), else
  // written in one transaction (201); both answer the same counts.
  POST: route({ auth: "admin" }, async ({ req, actor }) => {
    const { bytes, file, options } = await readProjectUpload(req);
    const result = await importProject(actor, bytes, file, options);
    return NextResponse.json(result, {
      status: result.dryRun ? 200 : 201,
      headers: { "Cache-Control": "no-store" },
    });
  }),
});

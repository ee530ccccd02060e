import { methods, ok, route } from "@/app/lib/api";
import { getCodebook } from "@/app/lib/queries/codebook";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async () => ok({ dimensions: await getCodebook() })),
});

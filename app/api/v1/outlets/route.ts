import { methods, ok, route } from "@/app/lib/api";
import { getOutlets } from "@/app/lib/queries/outlets";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async () => ok({ outlets: await getOutlets() })),
});

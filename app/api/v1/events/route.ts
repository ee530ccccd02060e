import { methods, ok, route } from "@/app/lib/api";
import { getEvents } from "@/app/lib/queries/events";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async () => ok({ events: await getEvents() })),
});

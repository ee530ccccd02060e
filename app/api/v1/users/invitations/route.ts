// The contract's name for the invitations endpoint; the same handlers as /api/v1/invitations.
export { DELETE, GET, OPTIONS, PATCH, POST, PUT } from "../../invitations/route";

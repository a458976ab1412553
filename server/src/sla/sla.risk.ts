/**
 * When an SLA clock is "at risk": the rule the ticket list's `slaAtRisk` filter applies, and
 * the one the back office's countdown chips colour by (admin/src/components/DeadlineChips.tsx,
 * `AMBER_BELOW_MS`: the same 4 hours, kept equal by hand because the admin imports no server
 * code). A clock is at risk while it runs (not met, not paused) and is either breached or
 * due within the next 4 hours of the server's clock: amber or red on its chip. Wall-clock
 * hours, not working hours: an agent looking at the queue at 17:00 wants to know what falls
 * due before they could act on it, whatever the desk's calendar says.
 */
export const SLA_AT_RISK_WITHIN_MS = 4 * 3_600_000;

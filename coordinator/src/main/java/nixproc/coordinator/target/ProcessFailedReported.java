package nixproc.coordinator.target;

/** An agent's health monitor saw a process of its current generation fail (it may start a health-window rollback). */
public record ProcessFailedReported(String target, String service, long generation, String reason) {
}

package nixproc.coordinator.target;

/** An admin enrolled, re-keyed or forgot a target: whatever key was pinned for it before no longer counts. */
public record TargetKeyChanged(String target) {
}

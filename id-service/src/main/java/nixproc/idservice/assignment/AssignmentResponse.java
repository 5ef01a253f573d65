package nixproc.idservice.assignment;

import java.util.Map;

/** The shape models read: {@code ids.<pool>.<service>} and the cursors. */
public record AssignmentResponse(Map<String, Map<String, Long>> ids, Map<String, Long> lastAssignments,
		Map<String, Map<String, Long>> lastAssignmentsPerTarget) {
}

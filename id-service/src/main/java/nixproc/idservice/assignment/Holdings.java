package nixproc.idservice.assignment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import nixproc.idassign.IdAssignments;

/**
 * What the database says before a run: the assignments in the algorithm's shape, plus the targets each
 * (pool, service) row set covers, so that a machine-scoped holder whose targets changed is rewritten.
 *
 * @param assignments ids, cursors and the targets of each service
 * @param rowTargets pool → service → targets of its rows ({@code ""} for a global pool)
 */
record Holdings(IdAssignments assignments, Map<String, Map<String, Set<String>>> rowTargets) {

	static final String GLOBAL = "";

	static List<String> targetsOf(Set<String> rows) {
		return rows.stream().filter(t -> !t.equals(GLOBAL)).sorted().toList();
	}

}

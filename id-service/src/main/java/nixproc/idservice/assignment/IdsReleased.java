package nixproc.idservice.assignment;

import java.util.List;

/** IDs given back in one committed transaction (pruned services, reassigned holders, deleted pools). */
public record IdsReleased(String deploymentId, List<Released> ids) implements IdEvent {

	public record Released(String pool, String service, long id) {
	}

}

package nixproc.coordinator.deployment;

import java.util.Optional;

import nixproc.network.DeploymentModel;

/** What a deployment deploys: a validated model set (from a revision or inline), or a committed generation. */
public sealed interface Source {

	/** @param revisionId the model-service revision it came from, if it came from one */
	record FromModel(DeploymentModel model, Optional<String> revisionId) implements Source {
	}

	/** A rollback: the manifest of {@code generation}, redeployed as a new generation. */
	record FromGeneration(long generation) implements Source {
	}

}

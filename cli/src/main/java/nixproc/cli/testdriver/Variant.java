package nixproc.cli.testdriver;

import nixproc.model.BackendKind;

/** One deployment of the matrix. */
public record Variant(BackendKind processManager, Profile profile) {

	@Override
	public String toString() {
		return processManager.id() + "/" + profile.id();
	}

}

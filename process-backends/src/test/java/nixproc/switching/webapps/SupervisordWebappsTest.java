package nixproc.switching.webapps;

import nixproc.model.BackendKind;
import org.junit.jupiter.api.Nested;

/** The webapps matrix on supervisord: one supervisord per profile, its config and socket under the state dir. */
class SupervisordWebappsTest {

	@Nested
	@AsRoot
	class Privileged extends WebappsScenario {

		@Override
		BackendKind kind() {
			return BackendKind.SUPERVISORD;
		}

		@Override
		boolean privileged() {
			return true;
		}

	}

	@Nested
	@Unprivileged
	class ForceDisableUserChange extends WebappsScenario {

		@Override
		BackendKind kind() {
			return BackendKind.SUPERVISORD;
		}

		@Override
		boolean privileged() {
			return false;
		}

	}

}

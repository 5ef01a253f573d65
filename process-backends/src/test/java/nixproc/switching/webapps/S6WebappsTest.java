package nixproc.switching.webapps;

import nixproc.model.BackendKind;
import org.junit.jupiter.api.Nested;

/** The webapps matrix on s6: the s6-rc source directories run under an {@code s6-svscan} of the profile (no s6-rc in Debian 12). */
class S6WebappsTest {

	@Nested
	@AsRoot
	class Privileged extends WebappsScenario {

		@Override
		BackendKind kind() {
			return BackendKind.S6_RC;
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
			return BackendKind.S6_RC;
		}

		@Override
		boolean privileged() {
			return false;
		}

	}

}

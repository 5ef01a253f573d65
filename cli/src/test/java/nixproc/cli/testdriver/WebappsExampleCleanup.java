package nixproc.cli.testdriver;

import java.nio.file.Path;

/** Removes a state directory a failing variant kept, once the test has looked at it. */
final class WebappsExampleCleanup {

	private WebappsExampleCleanup() {
	}

	static void delete(Path dir) {
		TestDriverAccess.delete(dir);
	}

}

package nixproc.backend.launchd;

import java.nio.file.Path;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The launchd backend (macOS): one property list per process. */
public final class LaunchdBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final LaunchdGenerator generator = new LaunchdGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.LAUNCHD;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Generator generator() {
		return generator;
	}

	public Driver driver(DriverContext context) {
		Path target = context.privileged() ? Path.of("/Library/LaunchDaemons")
				: Path.of(System.getProperty("user.home"), "Library", "LaunchAgents");
		return new LaunchdDriver(context.runner(), target);
	}

}

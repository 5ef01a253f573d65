package nixproc.backend.systemd;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The systemd backend: one service unit per process, for the system or the user manager. */
public final class SystemdBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final SystemdGenerator generator = new SystemdGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.SYSTEMD;
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
		return new SystemdDriver(context);
	}

}

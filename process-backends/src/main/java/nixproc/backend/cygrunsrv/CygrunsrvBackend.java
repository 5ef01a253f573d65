package nixproc.backend.cygrunsrv;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The cygrunsrv backend (Cygwin): one Windows service per process. */
public final class CygrunsrvBackend implements Backend {

	/** cygrunsrv cannot run a service as another user without that user's password. */
	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, false, true);

	private final CygrunsrvGenerator generator = new CygrunsrvGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.CYGRUNSRV;
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
		return new CygrunsrvDriver(context.runner());
	}

}

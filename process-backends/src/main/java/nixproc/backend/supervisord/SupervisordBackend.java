package nixproc.backend.supervisord;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The supervisord backend: program sections and a supervisord of the profile's own. */
public final class SupervisordBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final SupervisordGenerator generator = new SupervisordGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.SUPERVISORD;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Generator generator() {
		return generator;
	}

	@Override
	public Driver driver(DriverContext context) {
		return new SupervisordDriver(context);
	}

}

package nixproc.backend.sysvinit;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The sysvinit backend: init.d scripts and rc.d links. */
public final class SysvinitBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.DAEMON, true, false);

	private final SysvinitGenerator generator = new SysvinitGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.SYSVINIT;
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
		return new SysvinitDriver(context);
	}

}

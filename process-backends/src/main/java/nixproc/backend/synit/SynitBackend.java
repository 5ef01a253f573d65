package nixproc.backend.synit;

import java.nio.file.Path;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The synit backend (syndicate-server): one {@code .pr} service assertion file per process. */
public final class SynitBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final SynitGenerator generator = new SynitGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.SYNIT;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Generator generator() {
		return generator;
	}

	/** The target directory is {@code SYNIT_TARGET_DIR}, as the seed's deploy tool, else {@code /etc/syndicate/services}. */
	public Driver driver(DriverContext context) {
		String target = System.getenv().getOrDefault("SYNIT_TARGET_DIR", "/etc/syndicate/services");
		return new SynitDriver(Path.of(target));
	}

}

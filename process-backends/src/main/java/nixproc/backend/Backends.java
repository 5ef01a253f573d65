package nixproc.backend;

import java.util.List;
import java.util.Optional;

import nixproc.backend.bsdrc.BsdrcBackend;
import nixproc.backend.cygrunsrv.CygrunsrvBackend;
import nixproc.backend.disnix.DisnixBackend;
import nixproc.backend.docker.DockerBackend;
import nixproc.backend.launchd.LaunchdBackend;
import nixproc.backend.s6rc.S6rcBackend;
import nixproc.backend.supervisord.SupervisordBackend;
import nixproc.backend.synit.SynitBackend;
import nixproc.backend.systemd.SystemdBackend;
import nixproc.backend.sysvinit.SysvinitBackend;
import nixproc.model.BackendKind;

/**
 * Every implemented backend, in {@link BackendKind} order (style G2). A newcomer reads this one file to know what
 * exists. Kinds without an entry here are known names without a generator yet; {@link #byKind} says so instead
 * of pretending.
 */
public final class Backends {

	private static final List<Backend> ALL = List.of(
			new SysvinitBackend(),
			new BsdrcBackend(),
			new SupervisordBackend(),
			new SystemdBackend(),
			new LaunchdBackend(),
			new CygrunsrvBackend(),
			new S6rcBackend(),
			new SynitBackend(),
			new DockerBackend(),
			new DisnixBackend());

	private Backends() {
	}

	public static List<Backend> all() {
		return ALL;
	}

	public static Optional<Backend> byKind(BackendKind kind) {
		return ALL.stream().filter(b -> b.kind() == kind).findFirst();
	}

}

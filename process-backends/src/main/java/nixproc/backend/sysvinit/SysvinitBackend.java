package nixproc.backend.sysvinit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;
import nixproc.profile.InstanceEntry;

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

	/**
	 * The instances a runlevel starts, as the seed's deploy tool and runactivity choose them: those with an
	 * {@code S} link in {@code etc/rc.d/rc<runlevel>.d}, in the links' order (their sequence numbers, then names);
	 * dependencies on the others are left out.
	 */
	public static List<InstanceEntry> inRunlevel(List<InstanceEntry> instances, int runlevel) {
		String dir = "etc/rc.d/rc" + runlevel + ".d/S";
		Map<String, String> links = new TreeMap<>();
		for (InstanceEntry instance : instances) {
			instance.files().stream().filter(f -> f.startsWith(dir) && f.endsWith(instance.name()))
				.findFirst().ifPresent(link -> links.put(link, instance.name()));
		}
		Set<String> chosen = new HashSet<>(links.values());
		Map<String, InstanceEntry> byName = new HashMap<>();
		instances.forEach(i -> byName.put(i.name(), i));
		return links.values().stream().map(byName::get)
			.map(i -> new InstanceEntry(i.name(), i.hash(), i.dependencies().stream().filter(chosen::contains).toList(), i.files(),
					i.pidFile(), i.readiness(), i.user(), i.logFile()))
			.toList();
	}

}

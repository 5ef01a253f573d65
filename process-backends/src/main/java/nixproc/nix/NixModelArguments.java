package nixproc.nix;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import nixproc.process.Layout;
import nixproc.process.StateDirs;

/**
 * What {@code nixproc-build} offers a processes model (reference §4.1): the directories, the unprivileged flag, the
 * process manager and the calling user; the model receives only those it declares. {@code ids} are passed when
 * the caller has them (id-assign with {@code --ids}); otherwise a model reads its own {@code ids.nix}, as the
 * seed's models do.
 */
public record NixModelArguments(Layout layout, Optional<String> processManager, Optional<Map<String, Object>> ids) {

	public static NixModelArguments of(Layout layout, String processManager) {
		return new NixModelArguments(layout, Optional.of(processManager), Optional.empty());
	}

	/** The arguments as a JSON-able map, the way the wrapper expression hands them to the model. */
	Map<String, Object> asMap() {
		StateDirs dirs = layout.dirs();
		Map<String, Object> args = new TreeMap<>();
		args.put("stateDir", dirs.stateDir());
		args.put("runtimeDir", dirs.runtimeDir());
		args.put("logDir", dirs.logDir());
		args.put("tmpDir", dirs.tmpDir());
		args.put("cacheDir", dirs.cacheDir());
		args.put("spoolDir", dirs.spoolDir());
		args.put("lockDir", dirs.lockDir());
		args.put("libDir", dirs.libDir());
		args.put("forceDisableUserChange", layout.forceDisableUserChange());
		// the seed's null means "agnostic"; a model that branches on it must see null, not a missing attribute
		args.put("processManager", processManager.orElse(null));
		args.put("callingUser", System.getProperty("user.name", "root"));
		ids.ifPresent(value -> args.put("ids", value));
		return args;
	}

}

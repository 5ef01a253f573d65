package nixproc.profile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.ProfileGenerator;
import nixproc.model.ModelException;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.Mode;
import nixproc.process.NormalisedProcess;
import nixproc.process.Normaliser;

/**
 * The one builder of a profile (issue 15): a processes model into a {@link BuiltProfile} for one backend, behind
 * {@code nixproc build}, {@code nixproc switch}, the target agent, the test driver and the generators' golden files,
 * so that what {@code build} shows is what {@code switch} deploys. Each instance's files are its generator's plus
 * its {@code configFiles} ({@link ConfigFiles}); their content hash decides whether a switch restarts the instance;
 * the backend's profile-wide files (the seed's {@code build-<pm>-env.nix}) come last.
 */
public final class ProfileBuilder {

	private ProfileBuilder() {
	}

	public static BuiltProfile build(ProcessesModel model, Backend backend, Layout layout) {
		Map<String, NormalisedProcess> processes = normalise(model, backend, layout);
		// one builder for the whole profile: folding merge over the instances would copy the growing profile each time
		GeneratedFiles.Builder all = GeneratedFiles.builder();
		List<InstanceEntry> entries = new ArrayList<>();
		for (Map.Entry<String, NormalisedProcess> entry : processes.entrySet()) {
			NormalisedProcess process = entry.getValue();
			GeneratedFiles files = instanceFiles(backend, entry.getKey(), process, layout, Pointers.child("", entry.getKey()) + "/pkg");
			all.addAll(files);
			// dependencies by instance key: a process may carry another name than its key
			List<String> dependencies = model.instances().get(entry.getKey()).pkg().dependencies();
			entries.add(new InstanceEntry(entry.getKey(), hash(files), dependencies,
					List.copyOf(files.files().keySet()), pidFileWritten(process), process.readiness(), process.user(),
					process.mustDaemonise() ? Optional.of(process.daemonLogFile()) : Optional.empty()));
		}
		if (backend.generator() instanceof ProfileGenerator profile) {
			all.addAll(profile.generateProfile(List.copyOf(processes.values()), layout));
		}
		GeneratedFiles files = all.build();
		// from the dysnomia-support files, as the seed's switch: they also hold the accounts a generator adds itself
		return new BuiltProfile(backend.kind().id(), files, entries, DysnomiaCredentials.read(files));
	}

	/**
	 * The files of one instance only, as {@link #build} makes them for it (the seed's {@code nixproc-generate-config});
	 * the rest of the model supplies dependency names and ordering. Problems point into that instance's managed
	 * process document.
	 */
	public static GeneratedFiles instance(ProcessesModel model, String instanceName, Backend backend, Layout layout) {
		NormalisedProcess process = normalise(model, backend, layout).get(instanceName);
		if (process == null) {
			throw new ModelException("", "no instance named " + instanceName);
		}
		return instanceFiles(backend, instanceName, process, layout, "");
	}

	private static Map<String, NormalisedProcess> normalise(ProcessesModel model, Backend backend, Layout layout) {
		return Normaliser.normaliseAll(model, backend.kind(), backend.capabilities().preferredMode(), layout);
	}

	/** The generator's files and the config files of one instance; problems are re-pointed under {@code at}. */
	private static GeneratedFiles instanceFiles(Backend backend, String key, NormalisedProcess process, Layout layout,
			String at) {
		try {
			return backend.generator().generate(process, layout).merge(ConfigFiles.generate(key, process));
		}
		catch (ModelException ex) {
			// generators point inside the managed process; the caller may be reading a processes model
			throw new ModelException(ex.problems().stream().map(p -> new Problem(at + p.pointer(), p.message())).toList());
		}
	}

	/**
	 * The PID file the switch may wait for: only a daemon (or nixproc's daemonising of a foreground process) writes
	 * one; a foreground process under a supervising manager never does, and waiting for it would time out.
	 */
	private static Optional<String> pidFileWritten(NormalisedProcess process) {
		return process.mode() == Mode.DAEMON || process.mustDaemonise() ? Optional.of(process.pidFile()) : Optional.empty();
	}

	/** SHA-256 over every file's path, kind, mode and content, in path order. */
	static String hash(GeneratedFiles files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, GeneratedFile> file : files.files().entrySet()) {
				digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				if (file.getValue() instanceof GeneratedFile.Regular regular) {
					digest.update((byte) (regular.executable() ? 'x' : 'f'));
					digest.update(regular.content());
				}
				else if (file.getValue() instanceof GeneratedFile.Symlink link) {
					digest.update((byte) 'l');
					digest.update(link.target().getBytes(StandardCharsets.UTF_8));
				}
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK always has SHA-256", ex);
		}
	}

}

package nixproc.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import nixproc.backend.Backend;
import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.ProfileGenerator;
import nixproc.profile.InstanceEntry;
import nixproc.model.ModelException;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.Mode;
import nixproc.process.NormalisedProcess;
import nixproc.process.Normaliser;

/**
 * Builds a processes model into a {@link BuiltProfile}: each instance's files, their content hash (what decides
 * whether a switch restarts the instance), and the profile-wide files of the backend.
 */
public final class ProfileBuilder {

	private ProfileBuilder() {
	}

	public static BuiltProfile build(ProcessesModel model, Backend backend, Layout layout) {
		Map<String, NormalisedProcess> processes = Normaliser.normaliseAll(model, backend.kind(),
				backend.capabilities().preferredMode(), layout);
		// one builder for the whole profile: folding merge over the instances would copy the growing profile each time
		GeneratedFiles.Builder all = GeneratedFiles.builder();
		List<InstanceEntry> entries = new ArrayList<>();
		for (Map.Entry<String, NormalisedProcess> entry : processes.entrySet()) {
			NormalisedProcess process = entry.getValue();
			GeneratedFiles files;
			try {
				files = backend.generator().generate(process, layout).merge(ConfigFiles.generate(entry.getKey(), process));
			}
			catch (ModelException ex) {
				String at = Pointers.child("", entry.getKey()) + "/pkg";
				throw new ModelException(ex.problems().stream().map(p -> new Problem(at + p.pointer(), p.message())).toList());
			}
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

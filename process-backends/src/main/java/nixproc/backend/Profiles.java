package nixproc.backend;

import java.util.List;
import java.util.Map;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import nixproc.process.Normaliser;

/** Builds the files of a whole profile, or of one instance, for one backend. */
public final class Profiles {

	private Profiles() {
	}

	/** All instances' files merged, plus the backend's profile-wide files (the seed's {@code build-<pm>-env.nix}). */
	public static GeneratedFiles build(ProcessesModel model, Backend backend, Layout layout) {
		Map<String, NormalisedProcess> processes = normalise(model, backend, layout);
		// One builder for the whole profile: merging per instance would copy the profile once per instance.
		GeneratedFiles.Builder files = GeneratedFiles.builder();
		for (Map.Entry<String, NormalisedProcess> entry : processes.entrySet()) {
			files.addAll(generate(backend, entry.getValue(), layout, "/" + escape(entry.getKey()) + "/pkg"));
		}
		if (backend.generator() instanceof ProfileGenerator profile) {
			files.addAll(profile.generateProfile(List.copyOf(processes.values()), layout));
		}
		return files.build();
	}

	/**
	 * The files of one instance only (the seed's {@code nixproc-generate-config}); the rest of the model supplies
	 * dependency names and ordering. Problems point into that instance's managed process document.
	 */
	public static GeneratedFiles instance(ProcessesModel model, String instanceName, Backend backend, Layout layout) {
		NormalisedProcess process = normalise(model, backend, layout).get(instanceName);
		if (process == null) {
			throw new ModelException("", "no instance named " + instanceName);
		}
		return generate(backend, process, layout, "");
	}

	private static Map<String, NormalisedProcess> normalise(ProcessesModel model, Backend backend, Layout layout) {
		return Normaliser.normaliseAll(model, backend.kind(), backend.capabilities().preferredMode(), layout);
	}

	private static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	private static GeneratedFiles generate(Backend backend, NormalisedProcess process, Layout layout, String at) {
		try {
			return backend.generator().generate(process, layout);
		}
		catch (ModelException e) {
			// Generators point inside the managed process; the caller may be reading a processes model.
			throw new ModelException(e.problems().stream().map(p -> new Problem(at + p.pointer(), p.message())).toList());
		}
	}

}

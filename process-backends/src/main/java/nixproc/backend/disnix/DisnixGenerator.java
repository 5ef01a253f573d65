package nixproc.backend.disnix;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.model.ModelException;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;

import static nixproc.escape.Shell.quote;

/**
 * {@code etc/dysnomia/process/<name>} (Dysnomia's {@code process} type configuration: {@code process=} the wrapper,
 * {@code pidFile=}), the wrapper {@code bin/<name>-process-wrapper} and the credentials (reference §3.9).
 */
final class DisnixGenerator implements Generator {

	static final String CONFIG = "etc/dysnomia/process/";

	static final String WRAPPER = "bin/";

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		if (process.overrides().isPresent() && !process.overrides().get().isEmpty()) {
			throw new ModelException("/overrides/disnix/" + process.overrides().get().properties().iterator().next().getKey(),
					"the disnix backend has no parameters to override");
		}
		String wrapper = WRAPPER + process.name() + "-process-wrapper";
		// process= is relative to the component (the generation), where the seed writes a store path.
		String config = "process=" + wrapper + "\npidFile=" + quote(process.pidFile()) + "\n";
		return GeneratedFiles.builder()
			.text(CONFIG + process.name(), config, false)
			.text(wrapper, new DisnixWrapper(process).render(), true)
			.build()
			.merge(DysnomiaCredentials.files(process.credentials(), layout));
	}

}

package nixproc.backend.synit;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;

import tools.jackson.databind.node.ObjectNode;

/** {@code etc/syndicate/services/<name>.pr} and the credentials (reference §3.10). */
final class SynitGenerator implements Generator, OverridableGenerator {

	static final String SERVICE_DIR = "etc/syndicate/services/";

	private static final SynitParameters DEFAULTS = new SynitParameters(true, java.util.List.of(), true);

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(DEFAULTS);
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		SynitParameters parameters = Overrides.apply(DEFAULTS, process.overrides(),
				BackendKind.SYNIT, SynitParameters.class);
		for (int i = 0; i < parameters.dependsOn().size(); i++) {
			String raw = parameters.dependsOn().get(i);
			if (raw.isBlank() || raw.indexOf('\n') >= 0) {
				throw new ModelException("/overrides/synit/dependsOn/" + i, "one Preserves value on one line");
			}
		}
		return GeneratedFiles.builder()
			.text(SERVICE_DIR + process.name() + ".pr", SynitService.render(process, parameters), false)
			.build()
			.merge(DysnomiaCredentials.files(process.credentials(), layout));
	}

}

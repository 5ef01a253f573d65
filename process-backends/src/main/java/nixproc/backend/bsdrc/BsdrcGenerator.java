package nixproc.backend.bsdrc;

import java.util.List;
import java.util.regex.Pattern;

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

/** {@code etc/rc.d/<name>} and the credentials (reference §3.2). */
final class BsdrcGenerator implements Generator, OverridableGenerator {

	private static final Pattern SIGNAL = Pattern.compile("[A-Z0-9]+");

	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(BsdrcParameters.DEFAULTS);
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		BsdrcParameters parameters = Overrides.apply(BsdrcParameters.DEFAULTS, process.overrides(), BackendKind.BSDRC,
				BsdrcParameters.class);
		check(parameters);
		return GeneratedFiles.builder()
			.text("etc/rc.d/" + process.name(), new BsdrcScript(process, parameters).render(), true)
			.build()
			.merge(DysnomiaCredentials.files(process.credentials(), layout));
	}

	private static void check(BsdrcParameters parameters) {
		String at = "/overrides/bsdrc";
		words(parameters.requires(), at + "/requires");
		words(parameters.keywords(), at + "/keywords");
		if (!SIGNAL.matcher(parameters.stopSignal()).matches()) {
			throw new ModelException(at + "/stopSignal", "a signal name such as TERM");
		}
		if (!SIGNAL.matcher(parameters.reloadSignal()).matches()) {
			throw new ModelException(at + "/reloadSignal", "a signal name such as HUP");
		}
		if (!parameters.rcSubr().startsWith("/")) {
			throw new ModelException(at + "/rcSubr", "an absolute path");
		}
		if (!parameters.daemonTool().startsWith("/")) {
			throw new ModelException(at + "/daemonTool", "an absolute path");
		}
	}

	/** rcorder reads these header lines as space-separated words. */
	private static void words(List<String> words, String at) {
		for (int i = 0; i < words.size(); i++) {
			if (!WORD.matcher(words.get(i)).matches()) {
				throw new ModelException(at + "/" + i, "must match " + WORD.pattern());
			}
		}
	}

}

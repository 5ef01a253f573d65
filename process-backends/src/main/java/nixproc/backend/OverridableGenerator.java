package nixproc.backend;

import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;

import tools.jackson.databind.node.ObjectNode;

/**
 * Optional ability of a {@link Generator} (checked with {@code instanceof}): the parameters its
 * {@code overrides.<backend>} apply to, as they are before any override (the seed's
 * {@code generatedTargetSpecificArgs}). A seed-style function override ({@code overrides.sysvinit = args: …})
 * receives them and its result replaces them; the attribute-set form is deep-merged into them ({@link Overrides}).
 */
public interface OverridableGenerator {

	/** The parameters for {@code process}, in the JSON form an override addresses. */
	ObjectNode parameters(NormalisedProcess process, Layout layout);

}

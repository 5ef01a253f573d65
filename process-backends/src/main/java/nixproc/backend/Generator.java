package nixproc.backend;

import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;

/**
 * Turns one normalised process into the files of the seed's layout for one process manager (reference §3), e.g.
 * {@code etc/rc.d/init.d/<name>} plus {@code rc<N>.d} links for sysvinit. Pure: no I/O, same input → same bytes.
 * Overrides ({@link NormalisedProcess#overrides()}) are applied here, to the backend's parameters, with
 * {@link Overrides}. An override the backend cannot use is a {@link nixproc.model.ModelException} whose pointer is
 * relative to the managed process ({@code /overrides/<backend>/...}).
 */
public interface Generator {

	GeneratedFiles generate(NormalisedProcess process, Layout layout);

}

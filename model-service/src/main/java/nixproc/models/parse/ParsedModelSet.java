package nixproc.models.parse;

import java.util.Optional;

import nixproc.network.DeploymentModel;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model set that read and validated cleanly.
 *
 * @param id SHA-256 (hex) of {@code canonicalText}, the revision id this content has
 * @param canonical the canonical form as a tree
 * @param canonicalText its RFC 8785 text, what the id is computed over
 * @param message the set's {@code message}, not part of the content
 * @param parent the set's {@code parent}, a revision id, not part of the content
 */
public record ParsedModelSet(String id, DeploymentModel model, ObjectNode canonical, String canonicalText,
		Optional<String> message, Optional<String> parent) {
}

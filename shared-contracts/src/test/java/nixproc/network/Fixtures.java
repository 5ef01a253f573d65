package nixproc.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The example model set of the tests and helpers to break it. */
final class Fixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Fixtures() {
	}

	static String resource(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/deployment/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test resource deployment/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A fresh copy of the valid example model set. */
	static ObjectNode modelSet() {
		return (ObjectNode) JSON.readTree(resource("model-set.json"));
	}

	/** The problems reading and validating the set gives, empty when it is valid. */
	static List<Problem> problems(ObjectNode set) {
		try {
			DeploymentReader.readValid(set, NixEvaluator.fromPath());
			return List.of();
		}
		catch (ModelException e) {
			return e.problems();
		}
	}

}

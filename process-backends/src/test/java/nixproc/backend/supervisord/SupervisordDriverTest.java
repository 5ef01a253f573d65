package nixproc.backend.supervisord;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import nixproc.backend.Backend;
import nixproc.backend.Hostile;
import nixproc.backend.LiveDriverContract;
import nixproc.backend.Recorder;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver contract against the real supervisord (the profile's own), and what is supervisord's own: values its
 * {@code environment=} and {@code command=} carry without the foreground proxy, which the contract's
 * {@link Hostile#VALUE} (a line break) needs, and {@code initialize} run before the program.
 */
class SupervisordDriverTest extends LiveDriverContract {

	/** Hostile but carried by supervisord's own environment= and command= (no line break, one quote kind, no " ;"). */
	static final String HOSTILE_ONE_LINE = "it's \\ $(touch pwned) `x`;| & < > %s %(here)x *? \t é ${HOME} 😀";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected Backend backend() {
		return SupervisordFixtures.BACKEND;
	}

	@Test
	void valuesSupervisordCarriesItselfArriveWithoutTheProxy() {
		Recorder recorder = recorder();
		List<String> args = List.of(HOSTILE_ONE_LINE, "", "-D");
		Map<String, String> environment = Map.of("HOSTILE", HOSTILE_ONE_LINE, "EMPTY", "");
		ProfileGeneration generation = deploy(one(recorder.pkg("recorder", args, environment)));
		InstanceEntry instance = generation.manifest().instances().get(0);

		startAndAwait(generation, instance);

		assertThat(instance.files()).as("no proxy needed: environment= and command= carry the values")
			.doesNotContain("conf.d/recorder-foregroundproxy.sh");
		recorder.awaitRecording("recorder").assertReceived(args, environment, directory());
	}

	@Test
	void theSharedHostileValueNeedsTheProxy() {
		ProfileGeneration generation = deploy(one(recorder().pkg("recorder", List.of(Hostile.VALUE),
				Map.of("HOSTILE", Hostile.VALUE))));

		assertThat(generation.manifest().instances().get(0).files()).contains("conf.d/recorder-foregroundproxy.sh");
	}

	@Test
	void initializeRunsBeforeTheProgram() {
		Recorder recorder = recorder();
		ObjectNode pkg = recorder.pkg("recorder", List.of(), Map.of());
		Path initialized = recorder.records("recorder").resolve("initialized");
		pkg.put("initialize", "[ ! -e " + recorder.records("recorder").resolve("done") + " ] && : >" + initialized);
		ProfileGeneration generation = deploy(one(pkg));

		startAndAwait(generation, generation.manifest().instances().get(0));

		assertThat(initialized).exists();
	}

	private static ObjectNode one(ObjectNode pkg) {
		ObjectNode model = JSON.createObjectNode();
		model.putObject("recorder").set("pkg", pkg);
		return model;
	}

}

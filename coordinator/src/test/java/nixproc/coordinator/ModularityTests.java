package nixproc.coordinator;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The modules of style G13 exist, have no cycles and use each other only through their top-level packages. */
class ModularityTests {

	@Test
	void modulesAreVerified() {
		ApplicationModules modules = ApplicationModules.of(CoordinatorApplication.class);
		org.assertj.core.api.Assertions.assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
			.contains("api", "deployment", "generation", "keys", "plan", "target");
		modules.verify();
	}

}

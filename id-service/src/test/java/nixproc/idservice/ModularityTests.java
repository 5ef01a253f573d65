package nixproc.idservice;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules (pool, assignment) exist, have no cycles and use each other only through their top-level packages. */
class ModularityTests {

	@Test
	void modulesOnlyUseEachOthersApi() {
		ApplicationModules modules = ApplicationModules.of(IdServiceApplication.class);
		assertThat(modules.stream().map(m -> m.getIdentifier().toString())).containsExactlyInAnyOrder("assignment",
				"pool");
		modules.verify();
	}

}

package nixproc.models;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesOnlyUseEachOthersApi() {
		ApplicationModules.of(ModelServiceApplication.class).verify();
	}

}

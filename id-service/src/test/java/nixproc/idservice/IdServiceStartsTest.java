package nixproc.idservice;

import nixproc.service.ServiceStartContract;
import nixproc.testsupport.SpringIntegrationServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdServiceStartsTest extends ServiceStartContract {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	IdServiceStartsTest() {
		super("ids");
	}

}

package nixproc.cli.testdriver;

import java.util.Optional;

import nixproc.cli.testdriver.TestDriver.Deployment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test driver for JUnit 5 tests: registered as a static {@code @RegisterExtension}, it deploys a model for one
 * variant before the class's tests (failing them all, with the reason, when the deployment fails), lets tests run
 * checks against it with the same environment as {@code nixproc test}, and undeploys afterwards; the state
 * directory, with its logs, is kept when a test failed.
 *
 * <pre>
 * &#64;RegisterExtension
 * static DeployedModel webapps = new DeployedModel(source, new Variant(BackendKind.SYSVINIT, Profile.UNPRIVILEGED));
 * &#64;Test void nginxRoutes() { webapps.check("nginx", "curl -sf -H 'Host: webapp1.local' http://127.0.0.1:$port/"); }
 * </pre>
 */
public final class DeployedModel implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final TestDriver driver;

	private final Variant variant;

	private final Checks checks;

	private Deployment deployment;

	private boolean failed;

	/** With the seed's hooks from {@code checks} run right after the deployment. */
	public DeployedModel(TestDriver.ModelSource model, Variant variant, Checks checks) {
		this.driver = new TestDriver(model, checks);
		this.variant = variant;
		this.checks = checks;
	}

	public DeployedModel(TestDriver.ModelSource model, Variant variant) {
		this(model, variant, Checks.NONE);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		deployment = driver.deploy(variant);
		Optional<String> failure = deployment.check(checks);
		if (failure.isPresent()) {
			failed = true;
			fail(variant + ": " + failure.get() + " (logs in " + deployment.stateDir() + ")");
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		failed |= context.getExecutionException().isPresent();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (deployment == null) {
			return;
		}
		Optional<String> undeploy = deployment.undeploy();
		if (!failed && undeploy.isEmpty()) {
			TestDriverAccess.delete(deployment.stateDir());
		}
		undeploy.ifPresent(reason -> fail(variant + ": " + reason + " (logs in " + deployment.stateDir() + ")"));
	}

	public Deployment deployment() {
		return deployment;
	}

	/** Runs {@code command} as a test of {@code instance} (its properties in the environment); fails with the reason. */
	public void check(String instance, String command) {
		try {
			deployment.run("test", Optional.of(instance), command, checks.timeout(), false);
		}
		catch (TestDriver.CheckFailed e) {
			fail(variant + ": " + e.getMessage() + " (output in " + deployment.stateDir().resolve(TestDriver.LOG) + ")");
		}
	}

}

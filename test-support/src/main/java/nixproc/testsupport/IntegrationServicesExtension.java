package nixproc.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method or constructor a {@link TestDatabase} (a fresh database) and a {@link TestKafka} (the broker
 * and a topic namespace of its own). Use with {@code @ExtendWith(IntegrationServicesExtension.class)}.
 */
public final class IntegrationServicesExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == TestDatabase.class || type == TestKafka.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (parameter.getParameter().getType() == TestDatabase.class) {
			return IntegrationServices.get().newDatabase();
		}
		return IntegrationServices.get().newKafka();
	}

}

/**
 * Real PostgreSQL and Kafka for integration tests. {@link nixproc.testsupport.IntegrationServices} picks a provider
 * once per JVM: addresses from {@code NIXPROC_TEST_*} variables, else Testcontainers when a Docker engine answers,
 * else embedded (zonky PostgreSQL binaries, an in-process KRaft broker). No test is ever skipped for want of services.
 */
@NullMarked
package nixproc.testsupport;

import org.jspecify.annotations.NullMarked;

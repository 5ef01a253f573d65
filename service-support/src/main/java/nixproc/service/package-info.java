/**
 * What id-service, model-service and coordinator share: configuration from {@code NIXPROC_*} variables
 * ({@code nixproc-service.yml}), start-up failures that name the address that failed, and Kafka readiness.
 */
@NullMarked
package nixproc.service;

import org.jspecify.annotations.NullMarked;

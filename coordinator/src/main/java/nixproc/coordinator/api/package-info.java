/** The operator REST API (api.md): thin controllers over the other modules; bearer-token roles from service-support. */
@NullMarked
package nixproc.coordinator.api;

import org.jspecify.annotations.NullMarked;

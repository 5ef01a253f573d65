/** Start-up diagnostics: a service that cannot reach its infrastructure says which address failed and exits. */
@NullMarked
package nixproc.service.startup;

import org.jspecify.annotations.NullMarked;

package dev.fastpath.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs real DPDK processes: root, free 2 MiB hugepages on a mounted hugetlbfs and the commands
 * it names (dpdk-testpmd by default). Data-plane tests must not run concurrently on a 2-core machine, so
 * surefire runs this tag in its own single-threaded execution.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("dataplane")
@ExtendWith(DataPlaneCondition.class)
public @interface DataPlane {
    /** Free 2 MiB hugepages the test needs. */
    int hugepages() default 256;

    /** Executables that must be on the PATH (or absolute paths that must exist). */
    String[] commands() default {"dpdk-testpmd"};
}

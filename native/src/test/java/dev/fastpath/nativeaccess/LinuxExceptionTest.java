package dev.fastpath.nativeaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinuxExceptionTest {

    @Test
    void messageNamesOperationErrnoAndKernelText() {
        LinuxException e = new LinuxException("RTM_NEWLINK veth fp0", Errno.EEXIST);
        assertEquals("RTM_NEWLINK veth fp0: EEXIST (File exists)", e.getMessage());
        assertEquals(Optional.empty(), e.kernelMessage());
        LinuxException x = new LinuxException("RTM_NEWLINK vlan v1 on eth0", Errno.EOPNOTSUPP, "Unknown device type");
        assertEquals("RTM_NEWLINK vlan v1 on eth0: EOPNOTSUPP (Operation not supported): Unknown device type",
                x.getMessage());
        LinuxException outer = x.during("attach pod1/net1");
        assertEquals("attach pod1/net1: EOPNOTSUPP (Operation not supported): Unknown device type", outer.getMessage());
        assertSame(x, outer.getCause());
        assertEquals(Errno.EOPNOTSUPP, outer.errno());
    }

    @Test
    void errnoTable() {
        assertEquals("ENODEV", Errno.name(19));
        assertEquals("No such device", Errno.description(19));
        assertEquals("EBUSY", Errno.name(Errno.EBUSY));
        assertEquals("errno 4000", Errno.name(4000));
        assertEquals("Unknown error 4000", Errno.description(4000));
    }
}

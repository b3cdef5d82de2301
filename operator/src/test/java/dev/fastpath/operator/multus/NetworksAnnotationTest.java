package dev.fastpath.operator.multus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworksAnnotationTest {

    @Test
    void shortFormWithNamespacesInterfacesAndRepeats() {
        assertEquals(List.of(new NetworkSelection("net-a", null, null), new NetworkSelection("net-b", "other", null),
                        new NetworkSelection("net-c", null, "eth2"), new NetworkSelection("net-a", "ns1", "net9")),
                NetworksAnnotation.parse(" net-a, other/net-b ,net-c@eth2,ns1/net-a@net9 "));
    }

    @Test
    void jsonForm() {
        assertEquals(List.of(new NetworkSelection("dpdk", null, "net1"), new NetworkSelection("dpdk", "web", null)),
                NetworksAnnotation.parse("[{\"name\":\"dpdk\",\"interface\":\"net1\",\"mac\":\"02:00:00:00:00:01\"},"
                        + "{\"name\":\"dpdk\",\"namespace\":\"web\",\"ips\":[\"10.0.0.2/24\"],\"cni-args\":{\"x\":1}}]"));
    }

    @Test
    void emptyValues() {
        assertEquals(List.of(), NetworksAnnotation.parse(null));
        assertEquals(List.of(), NetworksAnnotation.parse("  "));
        assertEquals(List.of(), NetworksAnnotation.parse("[]"));
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworksAnnotation.parse("[{\"interface\":\"x\"}]"))
                .getMessage().contains("[0].name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworksAnnotation.parse("[{\"name\":\"a\""))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworksAnnotation.parse("Bad_Name"))
                .getMessage().contains("Bad_Name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworksAnnotation.parse("net@"))
                .getMessage().contains("interface"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworksAnnotation.parse("{\"name\":\"a\"}"))
                .getMessage().contains("invalid name"), "an object is neither form");
    }
}

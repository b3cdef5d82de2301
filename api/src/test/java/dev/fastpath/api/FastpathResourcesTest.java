package dev.fastpath.api;

import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastpathResourcesTest {

    @Test
    void apiGroupAndVersion() {
        assertEquals("fastpath.dev", FastpathResources.GROUP);
        assertEquals("v1alpha1", FastpathResources.VERSION);
        assertEquals("fastpath.dev/v1alpha1", FastpathResources.API_VERSION);
    }

    @Test
    void poolResourceNames() {
        assertEquals("fastpath.dev/xl710-dpdk", FastpathResources.poolResourceName("xl710-dpdk"));
        assertEquals("fastpath.dev/vhost-user", FastpathResources.VHOST_USER_RESOURCE);
        assertEquals("xl710-dpdk", FastpathResources.poolOfResourceName("fastpath.dev/xl710-dpdk"));
        assertNull(FastpathResources.poolOfResourceName("fastpath.dev/vhost-user"));
        assertNull(FastpathResources.poolOfResourceName("intel.com/sriov"));
        assertNull(FastpathResources.poolOfResourceName("fastpath.dev/Bad_Pool"));
        assertNull(FastpathResources.poolOfResourceName(null));
    }

    @Test
    void poolNamesAreValidatedNamingTheField() {
        var reserved = assertThrows(IllegalArgumentException.class, () -> FastpathResources.poolResourceName("vhost-user"));
        assertTrue(reserved.getMessage().startsWith("pool must not be 'vhost-user'"), reserved.getMessage());
        for (String bad : new String[] {"", "Upper", "under_score", "-lead", "trail-", "a".repeat(64)}) {
            var e = assertThrows(IllegalArgumentException.class, () -> FastpathResources.poolResourceName(bad), bad);
            assertTrue(e.getMessage().startsWith("pool must be a DNS label"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FastpathResources.poolResourceName(null));
    }

    @Test
    void resourceNameOfAnAttachment() {
        assertEquals("fastpath.dev/xl710-netdev", FastpathResources.resourceNameFor(
                new NetworkAttachmentSpec().withType(AttachmentType.SRIOV).withPool("xl710-netdev")));
        assertEquals("fastpath.dev/xl710-dpdk", FastpathResources.resourceNameFor(
                new NetworkAttachmentSpec().withType(AttachmentType.SRIOV_DPDK).withPool("xl710-dpdk")));
        assertEquals("fastpath.dev/vhost-user", FastpathResources.resourceNameFor(
                new NetworkAttachmentSpec().withType(AttachmentType.VHOST_USER)));
        assertEquals("fastpath.dev/vhost-user", FastpathResources.resourceNameFor(
                new NetworkAttachmentSpec().withType(AttachmentType.KERNEL)));
        var noPool = assertThrows(IllegalArgumentException.class, () -> FastpathResources.resourceNameFor(
                new NetworkAttachmentSpec().withType(AttachmentType.SRIOV)));
        assertTrue(noPool.getMessage().startsWith("pool must be"), noPool.getMessage());
        var noType = assertThrows(IllegalArgumentException.class,
                () -> FastpathResources.resourceNameFor(new NetworkAttachmentSpec()));
        assertEquals("spec.type must be set", noType.getMessage());
    }

    @Test
    void annotationKeys() {
        assertEquals("k8s.v1.cni.cncf.io/networks", FastpathResources.NETWORKS_ANNOTATION);
        assertEquals("k8s.v1.cni.cncf.io/resourceName", FastpathResources.RESOURCE_NAME_ANNOTATION);
        assertEquals("k8s.v1.cni.cncf.io/network-status", FastpathResources.NETWORK_STATUS_ANNOTATION);
        assertEquals("fastpath.dev/networks", FastpathResources.VM_NETWORKS_ANNOTATION);
    }

    @Test
    void derivedObjectNames() {
        assertEquals("worker-1.example.com", FastpathResources.nodeStateName("worker-1.example.com"));
        var e = assertThrows(IllegalArgumentException.class, () -> FastpathResources.nodeStateName("Worker_1"));
        assertTrue(e.getMessage().startsWith("node name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastpathResources.nodeStateName(null));
        assertEquals("data-vlan100", FastpathResources.networkAttachmentDefinitionName("data-vlan100"));
        assertThrows(IllegalArgumentException.class, () -> FastpathResources.networkAttachmentDefinitionName(""));
    }

    @Test
    void labels() {
        assertEquals(Map.of("app.kubernetes.io/managed-by", "fastpath-operator", "app.kubernetes.io/part-of", "fastpath"),
                FastpathResources.managedLabels());
        assertEquals("data-vlan100",
                FastpathResources.networkAttachmentDefinitionLabels("data-vlan100").get("fastpath.dev/network-attachment"));
        assertEquals("worker-1", FastpathResources.nodeStateLabels("worker-1").get("fastpath.dev/node"));
        assertEquals("fastpath-operator", FastpathResources.nodeStateLabels("worker-1").get("app.kubernetes.io/managed-by"));
    }
}

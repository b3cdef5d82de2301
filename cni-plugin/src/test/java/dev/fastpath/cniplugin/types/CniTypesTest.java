package dev.fastpath.cniplugin.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CniTypesTest {

    @Test
    void netconfReadsSriovCniStyleFieldsAndRuntimeConfig() throws Exception {
        NetConf conf = CniJson.MAPPER.readValue("""
                {"cniVersion":"1.1.0","name":"net-a","type":"fastpath","attachment":"sriov","pool":"intel-a",
                 "vlan":100,"vlanQoS":3,"vlanProto":"802.1ad","mac":"02:00:00:00:00:01","spoofchk":"off","trust":"on",
                 "link_state":"enable","min_tx_rate":100,"max_tx_rate":1000,"mtu":9000,
                 "vhostUser":{"mode":"server","queues":2},"somethingElse":true,
                 "ipam":{"type":"host-local","subnet":"10.1.0.0/24"},
                 "runtimeConfig":{"deviceID":"0000:03:02.1","mac":"02:00:00:00:00:02","ips":["10.1.0.9/24"],
                                  "CNIDeviceInfoFile":"/var/run/k8s.cni.cncf.io/devinfo/cni/x.json"},
                 "prevResult":{"cniVersion":"1.1.0","interfaces":[{"name":"eth0"}]}}""", NetConf.class);
        assertEquals(AttachmentType.SRIOV, AttachmentType.fromWire(conf.attachment()).orElseThrow());
        assertEquals("0000:03:02.1", conf.effectiveDeviceId());
        assertEquals("02:00:00:00:00:02", conf.effectiveMac());
        assertEquals("enable", conf.linkState());
        assertEquals(1000, conf.maxTxRate());
        assertEquals("host-local", conf.ipamType());
        assertEquals(2, conf.vhostUser().queues());
        assertEquals(List.of("10.1.0.9/24"), conf.runtime().ips());
        assertEquals("/var/run/k8s.cni.cncf.io/devinfo/cni/x.json", conf.runtime().cniDeviceInfoFile());
        assertEquals("eth0", conf.prevResult().path("interfaces").path(0).path("name").asText());
    }

    @Test
    void resultRendersPerVersion() {
        CniResult ipam = CniResult.fromJson(CniJson.MAPPER.valueToTree(java.util.Map.of(
                "cniVersion", "1.0.0",
                "ips", List.of(java.util.Map.of("address", "10.1.0.2/24", "gateway", "10.1.0.1"),
                        java.util.Map.of("address", "fd00::2/64")),
                "routes", List.of(java.util.Map.of("dst", "0.0.0.0/0")))));
        CniResult result = new CniResult("1.1.0", List.of(), List.of(), List.of(), null)
                .plus(new CniResult.Interface("net1", null, null, "/run/netns/p", null, "0000:03:02.1"), ipam);

        ObjectNode v11 = result.toJson("1.1.0");
        assertEquals("0000:03:02.1", v11.at("/interfaces/0/pciID").asText());
        assertEquals(0, v11.at("/ips/0/interface").asInt());
        assertTrue(v11.at("/ips/0/version").isMissingNode());
        assertEquals("0.0.0.0/0", v11.at("/routes/0/dst").asText());

        ObjectNode v10 = result.toJson("1.0.0");
        assertTrue(v10.at("/interfaces/0/pciID").isMissingNode());
        assertEquals("1.0.0", v10.get("cniVersion").asText());

        ObjectNode v031 = result.toJson("0.3.1");
        assertEquals("4", v031.at("/ips/0/version").asText());
        assertEquals("6", v031.at("/ips/1/version").asText());
    }

    @Test
    void versionsCompareAndNegotiate() {
        assertTrue(CniVersions.atLeast("1.1.0", "1.0.0"));
        assertFalse(CniVersions.atLeast("0.4.0", "1.0.0"));
        assertEquals("1.0.0", CniVersions.negotiate("1.1.0", List.of("0.1.0", "0.3.1", "1.0.0")).orElseThrow());
        assertEquals("0.4.0", CniVersions.negotiate("0.4.0", List.of("0.3.1", "0.4.0", "1.0.0")).orElseThrow());
        assertTrue(CniVersions.negotiate("1.1.0", List.of("0.2.0")).isEmpty());
        assertNull(new NetConf(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null).effectiveDeviceId());
    }

    @Test
    void deviceInfoUsesNpwgFieldNames() {
        ObjectNode pci = CniJson.MAPPER.valueToTree(DeviceInfo.pci("0000:03:02.1", "0000:03:00.0"));
        assertEquals("{\"type\":\"pci\",\"version\":\"1.1.0\",\"pci\":{\"pci-address\":\"0000:03:02.1\",\"pf-pci-address\":\"0000:03:00.0\"}}", pci.toString());
        ObjectNode vu = CniJson.MAPPER.valueToTree(DeviceInfo.vhostUser("server", "/run/fastpath/sockets/u/net1.sock"));
        assertEquals("server", vu.at("/vhost-user/mode").asText());
    }
}

package dev.fastpath.cniplugin.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ShimJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void topLevelCniVersionIsFoundAndNestedOnesAreSkipped() {
        assertEquals("0.4.0", ShimJson.cniVersionOf("""
                {"prevResult":{"cniVersion":"1.1.0","ips":[]},"name":"x","cniVersion" : "0.4.0"}"""));
        assertEquals("1.0.0", ShimJson.cniVersionOf("{\"na\\\"me\":\"\\\"cniVersion\\\"\",\"cniVersion\":\"1.0.0\"}"));
        assertEquals("1.1.0", ShimJson.cniVersionOf("not json at all"));
        assertEquals("1.1.0", ShimJson.cniVersionOf(""));
    }

    @Test
    void topLevelStringsAreFoundByExactKey() {
        String conf = """
                {"name":"n","ipam":{"agentSocket":"/nested"},"agentSocketX":"/other","agentSocket" : "/run/x.sock"}""";
        assertEquals("/run/x.sock", ShimJson.topLevelString(conf, "agentSocket"));
        assertEquals(null, ShimJson.topLevelString("{\"agentSocket\":7}", "agentSocket"));
        assertEquals(null, ShimJson.topLevelString("{\"ipam\":{\"agentSocket\":\"/nested\"}}", "agentSocket"));
    }

    @Test
    void errorAndVersionAnswersAreValidJson() throws Exception {
        JsonNode error = mapper.readTree(ShimJson.error("1.0.0", 11, "agent \"down\"\n", "path\t/run\u0001"));
        assertEquals(11, error.get("code").asInt());
        assertEquals("agent \"down\"\n", error.get("msg").asText());
        assertEquals("path\t/run\u0001", error.get("details").asText());
        JsonNode version = mapper.readTree(ShimJson.versionResult());
        assertEquals("1.1.0", version.get("cniVersion").asText());
        assertEquals("[\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]", version.get("supportedVersions").toString());
    }
}

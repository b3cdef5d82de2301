package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A CNI result in the current spec's shape (1.1.0). {@link #toJson(String)} renders it for the version the
 * runtime asked for: 1.1.0 may carry {@code socketPath}/{@code pciID}, 0.3.1/0.4.0 need {@code ips[].version}.
 */
public record CniResult(
        @JsonProperty("cniVersion") String cniVersion,
        @JsonProperty("interfaces") List<Interface> interfaces,
        @JsonProperty("ips") List<Ip> ips,
        @JsonProperty("routes") List<Route> routes,
        @JsonProperty("dns") Dns dns) {

    public CniResult {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        ips = ips == null ? List.of() : List.copyOf(ips);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public record Interface(
            @JsonProperty("name") String name,
            @JsonProperty("mac") String mac,
            @JsonProperty("mtu") Integer mtu,
            @JsonProperty("sandbox") String sandbox,
            @JsonProperty("socketPath") String socketPath,
            @JsonProperty("pciID") String pciID) {}

    public record Ip(
            @JsonProperty("address") String address,
            @JsonProperty("gateway") String gateway,
            @JsonProperty("interface") Integer interfaceIndex) {

        public Ip withInterface(Integer index) {
            return new Ip(address, gateway, index);
        }

        public boolean isIpv6() {
            return address != null && address.contains(":");
        }
    }

    public record Route(
            @JsonProperty("dst") String dst,
            @JsonProperty("gw") String gw,
            @JsonProperty("mtu") Integer mtu,
            @JsonProperty("advmss") Integer advmss,
            @JsonProperty("priority") Integer priority,
            @JsonProperty("table") Integer table,
            @JsonProperty("scope") Integer scope) {}

    /** Reads a result of any supported version (e.g. an IPAM plugin's, or prevResult). */
    public static CniResult fromJson(JsonNode json) {
        return CniJson.MAPPER.convertValue(json, CniResult.class);
    }

    /**
     * Appends one interface with the IPAM result's addresses pointing at it, after whatever this result
     * already carries (prevResult from an earlier plugin in the chain is carried forward, as the spec asks).
     */
    public CniResult plus(Interface iface, CniResult ipam) {
        List<Interface> allInterfaces = new ArrayList<>(interfaces);
        allInterfaces.add(iface);
        int index = allInterfaces.size() - 1;
        List<Ip> allIps = new ArrayList<>(ips);
        List<Route> allRoutes = new ArrayList<>(routes);
        Dns mergedDns = dns;
        if (ipam != null) {
            ipam.ips().forEach(ip -> allIps.add(ip.withInterface(index)));
            allRoutes.addAll(ipam.routes());
            if (ipam.dns() != null && mergedDns == null) mergedDns = ipam.dns();
        }
        return new CniResult(cniVersion, allInterfaces, allIps, allRoutes, mergedDns);
    }

    public CniResult withVersion(String version) {
        return new CniResult(version, interfaces, ips, routes, dns);
    }

    /** This result as JSON for the given CNI version. */
    public ObjectNode toJson(String version) {
        ObjectNode json = CniJson.MAPPER.valueToTree(withVersion(version));
        boolean v11 = CniVersions.atLeast(version, CniVersions.V1_1_0);
        boolean pre1 = !CniVersions.atLeast(version, CniVersions.V1_0_0);
        if (!v11 && json.get("interfaces") instanceof ArrayNode list) {
            for (JsonNode i : list) {
                ((ObjectNode) i).remove("socketPath");
                ((ObjectNode) i).remove("pciID");
            }
        }
        if (pre1 && json.get("ips") instanceof ArrayNode list) {
            for (JsonNode ip : list) {
                ((ObjectNode) ip).put("version", ip.path("address").asText().contains(":") ? "6" : "4");
            }
        }
        if (json.get("dns") == null) json.putObject("dns");
        for (String empty : List.of("interfaces", "ips", "routes")) {
            if (json.get(empty) instanceof ArrayNode a && a.isEmpty()) json.remove(empty);
        }
        return json;
    }
}

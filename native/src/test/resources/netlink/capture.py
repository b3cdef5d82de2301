#!/usr/bin/env python3
"""Re-captures the iproute2 request/reply vectors in this directory (root; iproute2 6.1, strace 6.1).

Every vector file records the exact command, then one hex line per netlink message:
  > <hex>   a message ip SENT (sendmsg/sendto payload; the last one is the request under test)
  < <hex>   a datagram ip RECEIVED (recvmsg payload without MSG_PEEK), for dump-parsing tests
Runs in throwaway namespaces fpcap/fpcap2 so ifindexes are deterministic (lo=1, then 2, 3, ...).
Usage: sudo python3 capture.py [outdir]
"""
import os, re, subprocess, sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
NS, NS2 = "fpcap", "fpcap2"

def strace(cmd):
    argv = ["strace", "-f", "-e", "trace=sendmsg,sendto,recvmsg", "-e", "write=all", "-e", "read=all",
            "-s", "0"] + cmd
    p = subprocess.run(argv, capture_output=True, text=True)
    msgs, cur, kind = [], None, None
    for line in p.stderr.splitlines():
        m = re.match(r"^(?:\[pid\s+\d+\] )?(sendmsg|sendto|recvmsg)\((\d+), .*\)\s+=\s+(-?\d+)", line)
        if m:
            if cur is not None:
                msgs.append((kind, cur))
            call, ret = m.group(1), int(m.group(3))
            peek = "MSG_PEEK" in line
            kind = None if peek or ret <= 0 else (">" if call.startswith("send") else "<")
            cur = [] if kind else None
            continue
        if line.startswith(" | ") and cur is not None and re.match(r"^ \| [0-9a-f]{5}  ", line):
            cur.extend(re.findall(r"[0-9a-f]{2}", line[10:59]))
    if cur is not None:
        msgs.append((kind, cur))
    return p.returncode, p.stderr, [(k, "".join(b)) for k, b in msgs if k]

def capture(name, cmd, note=""):
    rc, err, msgs = strace(cmd)
    tail = [l for l in err.splitlines() if not l.startswith((" |", " *")) and "(" not in l[:12]]
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("# command: " + " ".join(cmd) + "\n")
        f.write("# exit: %d%s\n" % (rc, (" (" + " ".join(t.strip() for t in tail if t.strip() and not t.startswith("+++")) + ")") if rc else ""))
        if note:
            f.write("# note: " + note + "\n")
        for k, h in msgs:
            f.write("%s %s\n" % (k, h))
    print(name, rc, len(msgs))

def ip(*args):
    return ["ip", "-n", NS] + list(args)

def sh(*args):
    subprocess.run(list(args), check=False)

sh("ip", "netns", "del", NS); sh("ip", "netns", "del", NS2)
sh("ip", "netns", "add", NS); sh("ip", "netns", "add", NS2)
try:
    capture("link-add-veth", ip("link", "add", "fpa", "type", "veth", "peer", "name", "fpb"))          # 2, 3
    capture("link-add-veth-peer-netns", ip("link", "add", "fpc", "type", "veth", "peer", "name", "fpd", "netns", NS2),
            "IFLA_NET_NS_FD carries ip's fd for /run/netns/" + NS2)                                      # 4
    capture("link-add-macvlan-bridge", ip("link", "add", "link", "fpa", "name", "fpm", "type", "macvlan", "mode", "bridge"))
    capture("link-add-macvlan-private", ip("link", "add", "link", "fpa", "name", "fpm2", "type", "macvlan", "mode", "private"))
    capture("link-add-macvlan-vepa", ip("link", "add", "link", "fpa", "name", "fpm3", "type", "macvlan", "mode", "vepa"))
    capture("link-add-macvlan-passthru", ip("link", "add", "link", "fpc", "name", "fpm4", "type", "macvlan", "mode", "passthru"))
    capture("link-add-vlan-8021q", ip("link", "add", "link", "fpa", "name", "fpv", "type", "vlan", "id", "100"))
    capture("link-add-vlan-8021ad", ip("link", "add", "link", "fpa", "name", "fpv", "type", "vlan", "id", "100", "protocol", "802.1ad"))
    capture("link-set-up", ip("link", "set", "dev", "fpa", "up"))
    capture("link-set-down", ip("link", "set", "dev", "fpa", "down"))
    capture("link-set-mtu", ip("link", "set", "dev", "fpa", "mtu", "1400"))
    capture("link-set-address", ip("link", "set", "dev", "fpa", "address", "02:00:00:aa:bb:cc"))
    capture("link-set-name", ip("link", "set", "dev", "fpm3", "name", "fpr"))
    capture("link-set-netns", ip("link", "set", "dev", "fpm2", "netns", NS2), "IFLA_NET_NS_FD carries ip's fd")
    capture("link-set-netns-name", ip("link", "set", "dev", "fpr", "netns", NS2, "name", "fpz"), "IFLA_NET_NS_FD carries ip's fd")
    capture("link-del", ip("link", "del", "dev", "fpm"))
    capture("link-show-dev", ip("link", "show", "dev", "fpa"))
    capture("vf-mac", ip("link", "set", "dev", "fpa", "vf", "0", "mac", "02:00:00:00:00:01"))
    capture("vf-vlan-qos", ip("link", "set", "dev", "fpa", "vf", "1", "vlan", "100", "qos", "3"))
    capture("vf-vlan-qos-8021ad", ip("link", "set", "dev", "fpa", "vf", "1", "vlan", "100", "qos", "3", "proto", "802.1ad"))
    capture("vf-rate", ip("link", "set", "dev", "fpa", "vf", "2", "min_tx_rate", "100", "max_tx_rate", "1000"))
    capture("vf-max-rate-only", ip("link", "set", "dev", "fpa", "vf", "2", "max_tx_rate", "1000"),
            "one half only: iproute2 first dumps links with RTEXT_FILTER_VF to read the VF's current min_tx_rate "
            "(ipaddr_get_vf_rate); veth reports no VFs, so its local stays unassigned (0 here) and the kernel refuses")
    capture("vf-spoofchk-off", ip("link", "set", "dev", "fpa", "vf", "3", "spoofchk", "off"))
    capture("vf-trust-on", ip("link", "set", "dev", "fpa", "vf", "3", "trust", "on"))
    capture("vf-state-disable", ip("link", "set", "dev", "fpa", "vf", "3", "state", "disable"))
    capture("vf-state-enable", ip("link", "set", "dev", "fpa", "vf", "3", "state", "enable"))
    capture("vf-state-auto", ip("link", "set", "dev", "fpa", "vf", "3", "state", "auto"))
    capture("vf-all", ip("link", "set", "dev", "fpa", "vf", "7", "mac", "02:00:00:00:00:07", "vlan", "200", "qos", "5",
                         "proto", "802.1ad", "min_tx_rate", "100", "max_tx_rate", "1000", "spoofchk", "on",
                         "state", "enable", "trust", "off"),
            "iproute2 appends IFLA_VF_RATE last; the facade uses the order MAC, VLAN(_LIST), SPOOFCHK, LINK_STATE, TRUST, RATE")
    capture("addr-add-v4", ip("addr", "add", "10.99.0.2/24", "dev", "fpa"))
    capture("addr-add-v6-nodad", ip("-6", "addr", "add", "fd00::2/64", "dev", "fpa", "nodad"))
    capture("addr-add-v6", ip("-6", "addr", "add", "fd00:1::2/64", "dev", "fpa"))
    capture("addr-del-v6", ip("-6", "addr", "del", "fd00:1::2/64", "dev", "fpa"))
    sh("ip", "-n", NS, "link", "set", "dev", "fpb", "up")
    sh("ip", "-n", NS, "link", "set", "dev", "lo", "up")
    capture("link-set-up-fpa", ip("link", "set", "dev", "fpa", "up"))
    capture("route-add-default-via", ip("route", "add", "default", "via", "10.99.0.1", "dev", "fpa"))
    capture("route-add-prefix-via", ip("route", "add", "10.98.0.0/16", "via", "10.99.0.1"))
    capture("route-add-prefix-dev", ip("route", "add", "10.97.0.0/16", "dev", "fpa"))
    capture("route-add-onlink", ip("route", "add", "10.95.0.0/16", "via", "192.0.2.1", "dev", "fpa", "onlink"))
    capture("route-add-v6-default", ip("-6", "route", "add", "default", "via", "fd00::1", "dev", "fpa"))
    capture("route-del-prefix-via", ip("route", "del", "10.98.0.0/16", "via", "10.99.0.1"))
    capture("dump-link", ip("link", "show"))
    capture("dump-link-detail", ip("-d", "link", "show"))
    capture("dump-addr", ip("addr", "show"))
    capture("dump-route-v4", ip("route", "show"))
    capture("dump-route-v6", ip("-6", "route", "show"))
    capture("link-set-combined", ip("link", "set", "dev", "fpc", "name", "fpy", "address", "02:00:00:aa:bb:ce",
                                     "mtu", "1450", "up"))
    capture("addr-del-v4", ip("addr", "del", "10.99.0.2/24", "dev", "fpa"))
    capture("error-eexist", ip("link", "add", "fpa", "type", "veth", "peer", "name", "fpb2"))
    capture("error-vf-on-veth", ip("link", "set", "dev", "fpa", "vf", "0", "trust", "on"),
            "veth has no SR-IOV: EOPNOTSUPP reply")
    capture("error-enodev", ip("link", "set", "dev", "fpnosuch", "mtu", "1400"), "the name lookup fails: ENODEV")
finally:
    sh("ip", "netns", "del", NS); sh("ip", "netns", "del", NS2)

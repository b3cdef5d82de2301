/**
 * The L2 learning switch: {@link dev.fastpath.dataplane.embedded.forwarding.Forwarder} (the PMD burst loop, VLAN
 * access ports and 802.1q trunks, flooding by mbuf refcount), its MAC table and the immutable port table it reads.
 */
package dev.fastpath.dataplane.embedded.forwarding;

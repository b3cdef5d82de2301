/**
 * The node's vhost-user switch as the agent reaches it: which backend {@code NodePolicy.switch.backend} chose
 * (Fastpath's embedded {@code fastpath-switch}, or Open vSwitch with DPDK), where it listens, and the
 * {@link dev.fastpath.dataplane.Switch} client the attach handlers use.
 */
package dev.fastpath.nodeagent.vswitch;
